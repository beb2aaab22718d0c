package io.kedge.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.TestManifests;
import io.kedge.broker.log.InMemoryEventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.fixtures.Readings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the ingress rules apart from HTTP: TTL, arrival time, capacity, paths. */
class IngressTest {

    private static final BrokerKey LAB = new BrokerKey("lab", "default");
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:31.5Z");

    private final Topology topology = TestManifests.load(TestManifests.VALID, Map.of());
    private final InMemoryEventLog log = new InMemoryEventLog(2);
    private final Ingress ingress = new Ingress(topology, log, Clock.fixed(NOW, ZoneOffset.UTC));
    private final IngressHandler handler = new IngressHandler(ingress);

    @Test
    void eventWithoutTtlGetsTheDefaultAndAnArrivalTime() throws Exception {
        CloudEvent stored = accept(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(stored.getExtension(BrokerExtensions.TTL)).isEqualTo(255);
        assertThat(stored.getExtension(BrokerExtensions.ARRIVAL_TIME)).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void eventWithTtlIsDecremented() throws Exception {
        CloudEvent stored = accept(withTtl("7"));

        assertThat(stored.getExtension(BrokerExtensions.TTL)).isEqualTo(6);
    }

    @Test
    void eventWhoseTtlWouldReachZeroIsRejected() {
        IngressResponse response = post("/lab/default", CloudEventHttp.binary(withTtl("1")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("knativebrokerttl").contains("reached 0");
    }

    @Test
    void ttlThatIsNoIntegerIsRejected() {
        IngressResponse response = post("/lab/default", CloudEventHttp.binary(withTtl("many")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("'knativebrokerttl' must be an integer, got \"many\"");
    }

    @Test
    void replyCarriesTheTtlOfTheEventItAnswersMinusOne() throws Exception {
        CloudEvent reply = withTtl("200"); // a subscriber cannot reset the count with its own TTL

        LogEntry entry = ingress.reenter(LAB, reply, 9).toCompletableFuture().get();

        assertThat(entry.event().getExtension(BrokerExtensions.TTL)).isEqualTo(8);
    }

    @Test
    void fullLogAnswersServiceUnavailableWithRetryAfter() {
        HttpMessage event = CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM));
        post("/lab/default", event);
        post("/lab/default", event);

        IngressResponse third = post("/lab/default", event);

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.headers()).containsEntry("Retry-After", "1");
        assertThat(third.message()).contains("kedge.broker.queue-capacity");
    }

    @Test
    void acceptedEventsWaitInTheLogUntilAcknowledged() throws Exception {
        post("/lab/default", CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM)));

        LogEntry taken = log.take(Duration.ofSeconds(1)).orElseThrow();
        assertThat(log.depth()).isEqualTo(1);
        log.ack(taken);
        assertThat(log.depth()).isZero();
    }

    @Test
    void pathsFollowKnativesIngress() {
        HttpMessage event = CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(post("/lab/default/", event).status()).as("trailing slash tolerated").isEqualTo(202);
        assertThat(post("/", event).status()).isEqualTo(404);
        assertThat(post("/lab", event).status()).isEqualTo(400);
        assertThat(post("/lab/default/extra", event).status()).isEqualTo(400);
        assertThat(post("//default", event).status()).isEqualTo(400);
        assertThat(post("/lab/other", event).message()).contains("no broker /lab/other here").contains("/lab/default");
    }

    private CloudEvent accept(CloudEvent event) throws Exception {
        return ingress.accept(LAB, event).toCompletableFuture().get().event();
    }

    private IngressResponse post(String path, HttpMessage message) {
        return handler.handle("POST", path, message).toCompletableFuture().join();
    }

    private static CloudEvent withTtl(String ttl) {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM))
                .withExtension(BrokerExtensions.TTL, ttl)
                .build();
    }
}
