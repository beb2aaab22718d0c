package io.kedge.device.forward;

import static io.kedge.device.TestEvents.ids;
import static io.kedge.device.TestEvents.readings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.device.RecordingSink;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that events reach a real sink once each, through outages, refusals, a full buffer and a
 * restart of the forwarder: in order with a window of one, several at once (never more than the
 * window) otherwise. Every assertion is on the requests the sink recorded.
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
        return forwarder(port, capacity, 1);
    }

    private StoreAndForward forwarder(int port, long capacity, int concurrency) {
        // A timeout far above any wait here: a request timed out while the sink holds it would be sent twice.
        HttpEventSender sender = new HttpEventSender(URI.create("http://127.0.0.1:" + port + RecordingSink.PATH),
                CeOverrides.NONE, WAIT);
        StoreAndForward forwarder = new StoreAndForward(
                DurableBuffer.open(dir, new DurableBuffer.Limits(capacity, 64 << 20, true)), sender,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), concurrency,
                Duration.ofSeconds(10));
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
    void withAWindowOfOneEventsArriveInOrderWhileTheSinkIsUp() {
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

    @Test
    void aBacklogIsSentSeveralAtOnceButNeverMoreThanTheWindow() {
        // GIVEN a sink that answers nothing yet
        RecordingSink sink = sink(0).hold();
        StoreAndForward forwarder = forwarder(portOf(sink), 1_000, 4);
        List<CloudEvent> events = readings(0, 200);

        // WHEN a backlog is offered
        offerAll(forwarder, events);

        // THEN a full window waits at the sink at once, and no more once it answers
        Poll.until("4 requests waiting at once", WAIT, Duration.ofMillis(10), () -> sink.waiting() == 4, () -> sink.waiting() + " waiting");
        sink.release();
        awaitSent(forwarder, 200);
        assertThat(sink.maxConcurrent()).isEqualTo(4);
        assertThat(sink.acceptedIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(forwarder.stats()).isEqualTo(new ForwardingStats(0, 0, 200, 0, 0, 0, true));
    }

    @Test
    void aLargeBacklogThroughFailuresAndARefusalArrivesCompleteWithExactCounts() {
        // GIVEN a sink that fails some requests, here and there, and refuses one event
        Integer[] answers = new Integer[1_500];
        Arrays.fill(answers, 202);
        for (int failing : new int[] {0, 1, 2, 40, 41, 333, 900, 901, 902, 903, 1_499}) {
            answers[failing] = failing % 2 == 0 ? 503 : 429;
        }
        answers[700] = 400;
        RecordingSink sink = sink(0).answerNext(answers);
        StoreAndForward forwarder = forwarder(portOf(sink), 10_000, 32);
        List<CloudEvent> events = readings(0, 2_000);

        // WHEN 2,000 events are offered at once
        offerAll(forwarder, events);

        // THEN every event but the refused one arrived, once each, and the counters say exactly that
        awaitSent(forwarder, 1_999);
        List<String> refused = sink.requests().stream().filter(r -> r.status() == 400)
                .map(r -> r.message().header("ce-id")).toList();
        assertThat(refused).hasSize(1);
        List<String> expected = new ArrayList<>(ids(events));
        expected.remove(refused.get(0));
        assertThat(sink.acceptedIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.requests()).as("11 failed requests, sent again").hasSize(2_000 + 11);
        assertThat(sink.maxConcurrent()).isBetween(1, 32);
        assertThat(forwarder.stats()).isEqualTo(new ForwardingStats(0, 0, 1_999, 0, 1, 0, true));
        assertThat(forwarder.buffer().inFlight()).isZero();
    }

    @Test
    void anOutageDuringAWindowedBacklogLosesNothingAndSendsNothingTwice() {
        // GIVEN nothing listens on the sink's port while a backlog builds up
        int port = FreePorts.next();
        StoreAndForward forwarder = forwarder(port, 1_000, 32);
        offerAll(forwarder, readings(0, 300));
        Poll.until("the outage noticed", WAIT, () -> !forwarder.stats().sinkUp());

        // WHEN the sink comes up and more events follow
        RecordingSink sink = sink(port);
        offerAll(forwarder, readings(300, 400));

        // THEN each arrived once
        awaitSent(forwarder, 400);
        assertThat(sink.acceptedIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(readings(0, 400)));
        assertThat(forwarder.stats().sinkUp()).isTrue();
    }

    @Test
    void closeWaitsForTheSendsInFlightAndKeepsTheirOutcome() {
        // GIVEN three sends waiting at the sink
        RecordingSink sink = sink(0).hold();
        StoreAndForward first = forwarder(portOf(sink), 100, 3);
        offerAll(first, readings(0, 10));
        Poll.until("3 requests waiting", WAIT, () -> sink.waiting() == 3);

        // WHEN the forwarder is closed while the sink answers them
        CompletableFuture<Void> closed = CompletableFuture.runAsync(first::close);
        sink.release();
        closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        toClose.remove(first);
        List<String> deliveredBeforeClose = sink.acceptedIds();

        // THEN those three left the buffer, and the next forwarder sends only the rest
        StoreAndForward second = forwarder(portOf(sink), 100, 3);
        assertThat(deliveredBeforeClose).hasSizeGreaterThanOrEqualTo(3);
        awaitSent(second, 10 - deliveredBeforeClose.size());
        assertThat(sink.acceptedIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(readings(0, 10)));
    }

    @Test
    void aWindowBelowOneIsRefusedWithTheValue() {
        DurableBuffer buffer = DurableBuffer.open(dir, new DurableBuffer.Limits(10, 1 << 20, true));
        try {
            assertThatThrownBy(() -> new StoreAndForward(buffer,
                            new HttpEventSender(URI.create("http://127.0.0.1:9/x"), CeOverrides.NONE, WAIT),
                            new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), 0,
                            Duration.ofSeconds(10)))
                    .hasMessageContaining("got 0");
        } finally {
            buffer.close();
        }
    }

    private static int portOf(RecordingSink sink) {
        return URI.create(sink.url()).getPort();
    }
}
