package io.kedge.device.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import io.kedge.device.RecordingSink;
import io.kedge.device.send.CeOverrides;
import io.kedge.device.send.HttpReadingSender;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies that readings reach a real sink in order and once each, through outages, refusals and
 * a full buffer. Every assertion is on the requests the sink recorded.
 */
class BufferedForwarderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private static List<Reading> readings(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> Readings.dht11("pi-test", "lab", 20 + i / 10.0, 45, START.plusSeconds(2L * i).toString()))
                .toList();
    }

    private static List<String> ids(List<Reading> readings) {
        return readings.stream().map(r -> ReadingEvents.of(r).getId()).toList();
    }

    private BufferedForwarder forwarder(int port, int capacity) {
        HttpReadingSender sender = new HttpReadingSender(URI.create("http://127.0.0.1:" + port + RecordingSink.PATH),
                CeOverrides.NONE, Duration.ofSeconds(2));
        BufferedForwarder forwarder = new BufferedForwarder(new MemoryBuffer(capacity), sender,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC());
        toClose.add(forwarder);
        return forwarder;
    }

    private RecordingSink sink(int port) {
        RecordingSink sink = RecordingSink.start(port);
        toClose.add(sink);
        return sink;
    }

    private static void awaitSent(BufferedForwarder forwarder, long sent) {
        Poll.until(sent + " readings sent", WAIT, Duration.ofMillis(20),
                () -> forwarder.stats().sent() == sent && forwarder.stats().queued() == 0,
                () -> forwarder.stats().toString());
    }

    private static List<String> acceptedIds(RecordingSink sink) {
        return sink.acceptedEvents().stream().map(CloudEvent::getId).toList();
    }

    @Test
    void readingsArriveInOrderWhileTheSinkIsUp() {
        RecordingSink sink = sink(0);
        BufferedForwarder forwarder = forwarder(portOf(sink), 100);
        List<Reading> readings = readings(0, 20);

        readings.forEach(forwarder::offer);

        awaitSent(forwarder, 20);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings));
        assertThat(forwarder.stats()).isEqualTo(new ForwardingStats(20, 0, 0, true));
    }

    @Test
    void readingsTakenWhileTheSinkIsDownAreDeliveredOnceInOrderWhenItIsBack() {
        // GIVEN nothing listens on the sink's port
        int port = FreePorts.next();
        BufferedForwarder forwarder = forwarder(port, 100);
        List<Reading> duringOutage = readings(0, 10);
        duringOutage.forEach(forwarder::offer);
        Poll.until("the forwarder to notice the outage", WAIT, () -> !forwarder.stats().sinkUp());
        assertThat(forwarder.stats().queued()).isEqualTo(10);
        assertThat(forwarder.stats().sent()).isZero();

        // WHEN the sink comes up and more readings follow
        RecordingSink sink = sink(port);
        List<Reading> afterwards = readings(10, 15);
        afterwards.forEach(forwarder::offer);

        // THEN every reading arrived exactly once, oldest first
        awaitSent(forwarder, 15);
        List<Reading> all = new ArrayList<>(duringOutage);
        all.addAll(afterwards);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(all));
        assertThat(sink.requests()).allMatch(RecordingSink.Request::accepted);
        assertThat(forwarder.stats().sinkUp()).isTrue();
    }

    @Test
    void aSinkAnsweringErrorsGetsTheSameReadingAgainUntilItTakesIt() {
        RecordingSink sink = sink(0).answerNext(503, 500, 429);
        BufferedForwarder forwarder = forwarder(portOf(sink), 100);
        List<Reading> readings = readings(0, 5);

        readings.forEach(forwarder::offer);

        awaitSent(forwarder, 5);
        String firstId = ids(readings).get(0);
        assertThat(sink.requests()).extracting(r -> r.message().header("ce-id"))
                .as("the head is retried until accepted, nothing overtakes it")
                .startsWith(firstId, firstId, firstId, firstId);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings));
    }

    @Test
    void anEventTheSinkRefusesIsDroppedAndDoesNotBlockTheOthers() {
        RecordingSink sink = sink(0).answerNext(400);
        BufferedForwarder forwarder = forwarder(portOf(sink), 100);
        List<Reading> readings = readings(0, 4);

        readings.forEach(forwarder::offer);

        Poll.until("the rest delivered", WAIT, () -> forwarder.stats().sent() == 3);
        assertThat(sink.requests()).hasSize(4);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings.subList(1, 4)));
        assertThat(forwarder.stats().dropped()).isEqualTo(1);
    }

    @Test
    void aFullBufferKeepsTheNewestReadings() {
        int port = FreePorts.next();
        BufferedForwarder forwarder = forwarder(port, 3);
        List<Reading> readings = readings(0, 5);
        readings.forEach(forwarder::offer);
        Poll.until("the outage noticed", WAIT, () -> !forwarder.stats().sinkUp());
        assertThat(forwarder.stats().queued()).isEqualTo(3);
        assertThat(forwarder.stats().dropped()).isEqualTo(2);

        RecordingSink sink = sink(port);

        awaitSent(forwarder, 3);
        assertThat(acceptedIds(sink)).containsExactlyElementsOf(ids(readings.subList(2, 5)));
    }

    @Test
    void closingStopsDeliveryAndKeepsWhatIsQueued() {
        int port = FreePorts.next();
        BufferedForwarder forwarder = forwarder(port, 10);
        readings(0, 2).forEach(forwarder::offer);
        Poll.until("the outage noticed", WAIT, () -> !forwarder.stats().sinkUp());

        forwarder.close();
        forwarder.offer(readings(2, 3).get(0));

        assertThat(forwarder.stats().queued()).isEqualTo(3);
    }

    private static int portOf(RecordingSink sink) {
        return URI.create(sink.url()).getPort();
    }
}
