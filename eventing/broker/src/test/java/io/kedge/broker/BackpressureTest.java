package io.kedge.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Verifies backpressure with a small broker: at most 2 deliveries per Trigger at once, and a 503
 * with {@code Retry-After} once 3 events wait undelivered.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(BackpressureTest.SmallBroker.class)
@WithTestResource(RecordingSubscriberResource.class)
class BackpressureTest {

    public static class SmallBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kedge.broker.queue-capacity", "3", "kedge.broker.max-in-flight", "2",
                    "kedge.broker.busy-retry-after", "2s");
        }
    }

    @Inject
    BrokerRuntime broker;

    private final BrokerTraffic traffic = new BrokerTraffic();
    private final String run = traffic.run;

    @Test
    @Order(1)
    void deliveriesPerTriggerAreBoundedByMaxInFlight() {
        // GIVEN three events for a subscriber that holds every request until the test lets it answer
        for (int i = 0; i < 3; i++) {
            send(event("test.paced"));
        }

        // THEN two deliveries run and the third waits on disk
        Poll.until("two deliveries at the gate", Duration.ofSeconds(15), () -> subscriber().running("/gate/paced") == 2);
        assertThat(broker.store().backlog("test/paced")).isEqualTo(3);

        subscriber().open("paced");
        Poll.until("the paced deliveries", Duration.ofSeconds(15), () -> broker.store().backlog("test/paced") == 0);
        assertThat(subscriber().requests("/gate/paced", run)).hasSize(3);
        assertThat(subscriber().maxConcurrent("/gate/paced")).isEqualTo(2);
    }

    /** Last: its events stay in the backlog (their next attempt is 30 s away). */
    @Test
    @Order(2)
    void fullBacklogAnswersServiceUnavailableWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            send(event("test.hold"));
        }

        Http.post("/test/default", CloudEventHttp.binary(event("test.hold"))).then()
                .statusCode(503)
                .header("Retry-After", equalTo("2"))
                .body(containsString("3 undelivered events"));
        assertThat(broker.store().backlog()).isEqualTo(3);
        // An event no Trigger wants takes no room, so it is still accepted.
        Http.post("/test/quiet", CloudEventHttp.binary(event("test.hold"))).then().statusCode(202);
    }

    private CloudEvent event(String type) {
        return traffic.event(type);
    }

    private static void send(CloudEvent event) {
        BrokerTraffic.send(event);
    }

    private static RecordingSubscriber subscriber() {
        return RecordingSubscriberResource.subscriber();
    }
}
