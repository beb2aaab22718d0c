package io.kedge.broker;

import static io.kedge.broker.RecordingSubscriber.TEST_RUN;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.fixtures.Readings;
import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.UUID;

/**
 * One test's traffic through the broker-it manifests: events tagged with a run id (so tests never
 * see each other's deliveries), sent to the test broker, and the wait until the broker is idle.
 */
final class BrokerTraffic {

    static final String BROKER = "/test/default";

    /** Tags every event of one test, and the replies they cause. */
    final String run = UUID.randomUUID().toString().replace("-", "");

    /** A reading with a fresh id, of {@code type}, tagged with this run. */
    CloudEvent event(String type) {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM))
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withExtension(TEST_RUN, run)
                .build();
    }

    /** Posts {@code event} in binary mode and expects the broker's 202. */
    static void send(CloudEvent event) {
        Http.post(BROKER, CloudEventHttp.binary(event)).then().statusCode(202);
    }

    /** The broker has acknowledged everything: deliveries, retries and the replies they caused are over. */
    static void awaitIdle(BrokerRuntime broker) {
        Poll.until("the broker to finish its deliveries", Duration.ofSeconds(30), Duration.ofMillis(20),
                () -> broker.store().backlog() == 0, () -> broker.store().backlog() + " events not yet delivered");
    }
}
