package io.kedge.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.TestManifests;
import io.kedge.broker.log.BrokerStore;
import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.fixtures.Readings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies the ingress rules apart from HTTP: TTL, arrival time, capacity, paths. */
class IngressTest {

    private static final BrokerKey LAB = new BrokerKey("lab", "default");
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:31.5Z");

    private final Topology topology = TestManifests.load(TestManifests.VALID, Map.of());
    @TempDir
    Path data;
    private BrokerStore store;
    private Ingress ingress;
    private IngressHandler handler;

    @BeforeEach
    void open() {
        store = BrokerStore.open(data, BrokerStore.Options.defaults());
        DurableEventLog log = new DurableEventLog(topology, store, 2, 100, DurableEventLog.Listener.NONE);
        ingress = new Ingress(topology, log, Clock.fixed(NOW, ZoneOffset.UTC));
        handler = new IngressHandler(ingress);
    }

    @AfterEach
    void close() {
        store.close();
    }

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
    void fullBacklogAnswersServiceUnavailableWithRetryAfter() {
        HttpMessage event = CloudEventHttp.binary(forThermo());
        post("/lab/default", event);
        post("/lab/default", event);

        IngressResponse third = post("/lab/default", event);

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.headers()).containsEntry("Retry-After", "1");
        assertThat(third.message()).contains("kedge.broker.queue-capacity");
    }

    @Test
    void repliesAreStoredEvenWhenTheBacklogIsFull() throws Exception {
        post("/lab/default", CloudEventHttp.binary(forThermo()));
        post("/lab/default", CloudEventHttp.binary(forThermo()));

        LogEntry reply = ingress.reenter(LAB, forThermo(), 9).toCompletableFuture().get();

        assertThat(reply.sequence()).isPositive();
        assertThat(store.backlog()).isEqualTo(3);
    }

    @Test
    void acceptedEventIsPendingForEachMatchingTriggerUntilEachIsDone() throws Exception {
        LogEntry entry = ingress.accept(LAB, forThermo()).toCompletableFuture().get();

        for (String trigger : List.of("lab/thermo", "lab/archive-all", "lab/external")) {
            assertThat(store.nextPending(trigger, 0)).as(trigger).isEqualTo(entry.sequence());
            assertThat(store.backlog()).as("still stored before " + trigger + " is done").isEqualTo(1);
            store.complete(trigger, entry.sequence()).get();
        }
        assertThat(store.backlog()).isZero();
        assertThat(store.event(entry.sequence())).isNull();
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

    /** The lab's thermo Trigger wants readings that carry a 'site' extension. */
    private static CloudEvent forThermo() {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM)).withExtension("site", "lab").build();
    }

    private static CloudEvent withTtl(String ttl) {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM))
                .withExtension(BrokerExtensions.TTL, ttl)
                .build();
    }
}
