package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Verifies how the alert benchmark reads the broker's Prometheus histograms and their share of a run. */
class BrokerMetersTest {

    private static final String BEFORE = """
            # HELP kedge_broker_delivery_latency_seconds From the event's arrival at the ingress to the subscriber's 2xx
            # TYPE kedge_broker_delivery_latency_seconds histogram
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.001"} 10.0
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.005"} 20.0
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="+Inf"} 20.0
            kedge_broker_delivery_latency_seconds_count{broker="kedge/default",trigger="kedge/validate-readings"} 20.0
            kedge_broker_delivery_latency_seconds_sum{broker="kedge/default",trigger="kedge/validate-readings"} 0.04
            kedge_broker_store_commit_seconds_bucket{le="0.001"} 5.0
            kedge_broker_store_commit_seconds_count 5.0
            kedge_broker_store_commit_seconds_sum 0.002
            jvm_threads_live_threads 22.0
            """;
    private static final String AFTER = """
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.001"} 10.0
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.005"} 119.0
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.01"} 120.0
            kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="+Inf"} 120.0
            kedge_broker_delivery_latency_seconds_count{broker="kedge/default",trigger="kedge/validate-readings"} 120.0
            kedge_broker_delivery_latency_seconds_sum{broker="kedge/default",trigger="kedge/validate-readings"} 0.34
            kedge_broker_store_commit_seconds_bucket{le="0.001"} 45.0
            kedge_broker_store_commit_seconds_count 45.0
            kedge_broker_store_commit_seconds_sum 0.022
            """;

    @Test
    void aRunsShareIsTheDifferenceOfTwoScrapes() {
        BrokerMeters run = BrokerMeters.parse(AFTER).since(BrokerMeters.parse(BEFORE));

        BrokerMeters.Histogram validate = run.get(BrokerMeters.DELIVERY, "kedge/validate-readings");
        assertThat(validate.count()).isEqualTo(100);
        assertThat(validate.meanMillis()).isCloseTo(3.0, within(1e-9));
        // 99 of the run's 100 fell at or below 5 ms, the last one below 10 ms
        assertThat(validate.percentileBoundMillis(99)).isEqualTo(5.0);
        assertThat(validate.percentileBoundMillis(100)).isEqualTo(10.0);

        BrokerMeters.Histogram commits = run.get(BrokerMeters.COMMIT, null);
        assertThat(commits.count()).isEqualTo(40);
        assertThat(commits.meanMillis()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void anUnknownSeriesIsEmpty() {
        BrokerMeters.Histogram none = BrokerMeters.parse(BEFORE).get(BrokerMeters.DELIVERY, "kedge/nobody");

        assertThat(none.count()).isZero();
        assertThat(none.meanMillis()).isZero();
    }
}
