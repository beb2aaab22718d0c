package io.kedge.device.forward;

import static io.kedge.device.TestEvents.ids;
import static io.kedge.device.TestEvents.readings;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.device.RecordingSink;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that events reach a real sink in order and once each, through outages, refusals, a full
 * buffer and a restart of the forwarder. Every assertion is on the requests the sink recorded.
 */
class StoreAndForwardTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private StoreAndForward forwarder(int port, long capacity) {
        HttpEventSender sender = new HttpEventSender(URI.create("http://127.0.0.1:" + port + RecordingSink.PATH),
                CeOverrides.NONE, Duration.ofSeconds(2));
        StoreAndForward forwarder = new StoreAndForward(
                DurableBuffer.open(dir, new DurableBuffer.Limits(capacity, 16 << 20, true)), sender,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), Duration.ofSeconds(10));
        toClose.add(0, forwarder);
        return forwarder;
    }

    private RecordingSink sink(int port) {
        RecordingSink sink = RecordingSink.start(port);
        toClose.add(sink);
        return sink;
    }

    private static void offerAll(StoreAndForward forwarder, List<CloudEvent> events) {
        CompletableFuture<?>[] kept = events.stream().map(e -> forwarder.offer(e).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(kept).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static void awaitSent(StoreAndForward forwarder, long sent) {
        Poll.until(sent + " events sent", WAIT, Duration.ofMillis(20),
                () -> forwarder.stats().sent() == sent && forwarder.stats().buffered() == 0,
                () -> forwarder.stats().toString());
    }

    private static List<String> acceptedIds(RecordingSink sink) {
        return sink.acceptedEvents().stream().map(CloudEvent::getId).toList();
    }

    @Test
    void eventsArriveInOrderWhileTheSinkIsUp() {
        RecordingSink sink = sink(0);
        StoreAndForward forwarder = forwarder(portOf(sink), 100);
        List<CloudEvent> events = readings(0, 20);

        offerAll(forwarder, events);

        awaitSent(forwarder, 20);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(events));
        assertThat(forwarder.stats()).isEqualTo(new ForwardingStats(0, 0, 20, 0, 0, 0, true));
    }

    @Test
    void anOfferCompletesOnlyOnceTheEventIsOnDisk() {
        StoreAndForward forwarder = forwarder(FreePorts.next(), 100);

        forwarder.offer(readings(0, 1).get(0)).toCompletableFuture().join();

        assertThat(forwarder.buffer().size()).isEqualTo(1);
        assertThat(forwarder.buffer().file()).exists();
    }

    @Test
    void eventsTakenWhileTheSinkIsDownAreDeliveredOnceInOrderWhenItIsBack() {
        // GIVEN nothing listens on the sink's port
        int port = FreePorts.next();
        StoreAndForward forwarder = forwarder(port, 100);
        List<CloudEvent> duringOutage = readings(0, 10);
        offerAll(forwarder, duringOutage);
        Poll.until("the forwarder to notice the outage", WAIT, () -> !forwarder.stats().sinkUp());
        assertThat(forwarder.stats().buffered()).isEqualTo(10);
        assertThat(forwarder.stats().sent()).isZero();

        // WHEN the sink comes up and more events follow
        RecordingSink sink = sink(port);
        List<CloudEvent> afterwards = readings(10, 15);
        offerAll(forwarder, afterwards);

        // THEN every event arrived exactly once, oldest first
        awaitSent(forwarder, 15);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings(0, 15)));
        assertThat(sink.requests()).allMatch(RecordingSink.Request::accepted);
        assertThat(forwarder.stats().sinkUp()).isTrue();
    }

    @Test
    void aSinkAnsweringErrorsGetsTheSameEventAgainUntilItTakesIt() {
        RecordingSink sink = sink(0).answerNext(503, 500, 429);
        StoreAndForward forwarder = forwarder(portOf(sink), 100);
        List<CloudEvent> events = readings(0, 5);

        offerAll(forwarder, events);

        awaitSent(forwarder, 5);
        String firstId = ids(events).get(0);
        assertThat(sink.requests()).extracting(r -> r.message().header("ce-id"))
                .as("the head is retried until accepted, nothing overtakes it")
                .startsWith(firstId, firstId, firstId, firstId);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(events));
    }

    @Test
    void anEventTheSinkRefusesIsCountedAndDoesNotBlockTheOthers() {
        RecordingSink sink = sink(0).answerNext(400);
        StoreAndForward forwarder = forwarder(portOf(sink), 100);
        List<CloudEvent> events = readings(0, 4);

        offerAll(forwarder, events);

        Poll.until("the rest delivered", WAIT, () -> forwarder.stats().sent() == 3);
        assertThat(sink.requests()).hasSize(4);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(events.subList(1, 4)));
        assertThat(forwarder.stats().refused()).isEqualTo(1);
        assertThat(forwarder.stats().dropped()).isZero();
    }

    @Test
    void aFullBufferKeepsTheNewestAndCountsTheDropped() {
        int port = FreePorts.next();
        StoreAndForward forwarder = forwarder(port, 3);
        List<CloudEvent> events = readings(0, 5);
        offerAll(forwarder, events);
        Poll.until("the outage noticed", WAIT, () -> !forwarder.stats().sinkUp());
        ForwardingStats down = forwarder.stats();

        RecordingSink sink = sink(port);

        awaitSent(forwarder, 3);
        assertThat(down.dropped()).isEqualTo(2);
        assertThat(down.buffered()).isEqualTo(3);
        // The oldest is kept when it was the head being sent during the outage; either way the newest two arrive last.
        assertThat(acceptedIds(sink)).hasSize(3).endsWith(ids(events.subList(3, 5)).toArray(String[]::new));
        assertThat(forwarder.stats().sent() + forwarder.stats().dropped()).as("nothing silently lost").isEqualTo(5);
    }

    @Test
    void whatIsBufferedWhenTheForwarderStopsIsDeliveredByTheNextOne() {
        int port = FreePorts.next();
        StoreAndForward first = forwarder(port, 100);
        offerAll(first, readings(0, 7));
        Poll.until("the outage noticed", WAIT, () -> !first.stats().sinkUp());
        first.close();
        toClose.remove(first);

        RecordingSink sink = sink(port);
        StoreAndForward second = forwarder(port, 100);

        awaitSent(second, 7);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings(0, 7)));
    }

    private static int portOf(RecordingSink sink) {
        return URI.create(sink.url()).getPort();
    }
}
