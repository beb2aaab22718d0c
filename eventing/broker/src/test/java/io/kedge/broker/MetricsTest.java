package io.kedge.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Verifies the Prometheus metrics per Trigger at /q/metrics, and the readiness data. */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class MetricsTest {

    private static final String CHAIN_NEXT = "broker=\"test/default\",trigger=\"test/chain-next\"";

    @Inject
    BrokerRuntime broker;

    private final BrokerTraffic traffic = new BrokerTraffic();
    private final String run = traffic.run;

    @Test
    void deliveryIsCountedAndTimedPerTrigger() {
        double delivered = sample("kedge_broker_delivered_total{" + CHAIN_NEXT + "}");
        double timed = sample("kedge_broker_delivery_latency_seconds_count{" + CHAIN_NEXT + "}");
        double accepted = sample("kedge_broker_events_accepted_total{broker=\"test/default\",origin=\"sender\"}");

        send(event("test.chain.next"));
        awaitIdle();

        assertThat(sample("kedge_broker_delivered_total{" + CHAIN_NEXT + "}")).isEqualTo(delivered + 1);
        assertThat(sample("kedge_broker_delivery_latency_seconds_count{" + CHAIN_NEXT + "}")).isEqualTo(timed + 1);
        assertThat(sample("kedge_broker_events_accepted_total{broker=\"test/default\",origin=\"sender\"}"))
                .isEqualTo(accepted + 1);
        assertThat(metrics()).contains("kedge_broker_delivery_latency_seconds_bucket{" + CHAIN_NEXT + ",le=\"0.01\"}")
                .contains("kedge_broker_backlog{" + CHAIN_NEXT + "} 0.0");
    }

    @Test
    void retriesAndDeadLettersAreCountedPerTrigger() {
        String broken = "broker=\"test/default\",trigger=\"test/broken\"";
        double retries = sample("kedge_broker_retries_total{" + broken + "}");
        String queued = "broker=\"test/default\",destination=\"queue\",trigger=\"test/broken\"";
        double dead = sample("kedge_broker_dead_lettered_total{" + queued + "}");

        send(event("test.broken"));
        awaitIdle();
        // The dead letter is counted once its queue entry is committed, a moment after the backlog empties.
        Poll.until("the dead letter to be counted", Duration.ofSeconds(10),
                () -> sample("kedge_broker_dead_lettered_total{" + queued + "}") >= dead + 1);

        assertThat(sample("kedge_broker_retries_total{" + broken + "}")).isEqualTo(retries + 2);
        assertThat(sample("kedge_broker_dead_lettered_total{" + queued + "}")).isEqualTo(dead + 1);
        assertThat(sample("kedge_broker_dead_letter_queue_size")).isPositive();
    }

    @Test
    void groupCommitsAreMeasured() {
        send(event("test.chain.next"));
        awaitIdle();

        assertThat(sample("kedge_broker_store_commit_seconds_count")).isPositive();
        assertThat(sample("kedge_broker_store_commit_changes_count")).isPositive();
    }

    @Test
    void readinessReportsTheStoreAndTheBacklogPerTrigger() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kedge-broker' }.data.'backlog test/audit'", equalTo(0))
                .body("checks.find { it.name == 'kedge-broker' }.data.store",
                        org.hamcrest.Matchers.endsWith("broker.mv.db"));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample line of the Prometheus text; 0 when absent. */
    private static double sample(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private CloudEvent event(String type) {
        return traffic.event(type);
    }

    private static void send(CloudEvent event) {
        BrokerTraffic.send(event);
    }

    private void awaitIdle() {
        BrokerTraffic.awaitIdle(broker);
    }
}
