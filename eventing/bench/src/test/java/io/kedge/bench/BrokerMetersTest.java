package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void theBacklogIsTheSumOverTheTriggers() {
        BrokerMeters meters = BrokerMeters.parse(AFTER + """
                # TYPE kedge_broker_backlog gauge
                kedge_broker_backlog{broker="kedge/default",trigger="kedge/validate-readings"} 2.0
                kedge_broker_backlog{broker="kedge/default",trigger="kedge/store-readings"} 3.0
                kedge_broker_backlog_other 7.0
                """);

        assertThat(meters.backlog()).isEqualTo(5);
        assertThat(BrokerMeters.parse(AFTER).backlog()).isZero();
    }

    @Test
    void scrapingWhenIdleWaitsUntilNoTriggerHasABacklog() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broker.createContext("/q/metrics", exchange -> {
            // the delivery's count only grows with the backlog's drain, as in the broker
            int n = scrapes.incrementAndGet();
            int left = Math.max(0, 3 - n);
            byte[] body = ("kedge_broker_delivery_latency_seconds_count{trigger=\"kedge/t\"} " + (10 - left) + ".0\n"
                    + "kedge_broker_backlog{trigger=\"kedge/t\"} " + left + ".0\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        broker.start();
        try {
            String url = "http://127.0.0.1:" + broker.getAddress().getPort();

            BrokerMeters idle = BrokerMeters.scrapeWhenIdle(url, Duration.ofSeconds(10));

            assertThat(idle.backlog()).isZero();
            assertThat(idle.get(BrokerMeters.DELIVERY, "kedge/t").count()).isEqualTo(10);
            assertThat(scrapes).hasValue(3);

            scrapes.set(-100);
            BrokerMeters busy = BrokerMeters.scrapeWhenIdle(url, Duration.ofMillis(100));
            assertThat(busy.backlog()).as("the last scrape once the time is up").isPositive();
        } finally {
            broker.stop(0);
        }
    }
}
