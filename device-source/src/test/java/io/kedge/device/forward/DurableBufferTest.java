package io.kedge.device.forward;

import static io.kedge.device.TestEvents.ids;
import static io.kedge.device.TestEvents.reading;
import static io.kedge.device.TestEvents.readings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that the buffer keeps events on disk, in order, within its bounds, and says what it dropped. */
class DurableBufferTest {

    private static final DurableBuffer.Limits ROOMY = new DurableBuffer.Limits(1_000, 1 << 20, true);

    @TempDir
    Path dir;

    private final List<DurableBuffer> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(DurableBuffer::close);
    }

    private DurableBuffer open(DurableBuffer.Limits limits) {
        DurableBuffer buffer = DurableBuffer.open(dir, limits);
        open.add(buffer);
        return buffer;
    }

    private static DurableBuffer.Appended kept(CompletableFuture<DurableBuffer.Appended> append) {
        try {
            return append.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("append did not complete: " + e, e);
        }
    }

    /** Takes every event out, oldest first, as the forwarder does after each delivery. */
    private static List<CloudEvent> drain(DurableBuffer buffer) {
        List<CloudEvent> out = new ArrayList<>();
        while (true) {
            List<BufferedEvent> next = buffer.next(1);
            if (next.isEmpty()) {
                return out;
            }
            out.add(next.get(0).event());
            buffer.remove(next.get(0));
        }
    }

    /** The oldest event not handed out yet; it is handed out (pinned) by this call. */
    private static BufferedEvent oldest(DurableBuffer buffer) {
        List<BufferedEvent> next = buffer.next(1);
        assertThat(next).as("an event to hand out").hasSize(1);
        return next.get(0);
    }

    @Test
    void eventsComeOutOldestFirstAndEqualToWhatWentIn() {
        DurableBuffer buffer = open(ROOMY);
        List<CloudEvent> events = readings(0, 50);

        events.forEach(e -> kept(buffer.append(e)));

        assertThat(buffer.size()).isEqualTo(50);
        assertThat(drain(buffer)).containsExactlyElementsOf(events);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void theOldestStaysUntilItIsRemoved() {
        DurableBuffer buffer = open(ROOMY);
        kept(buffer.append(reading(0)));
        kept(buffer.append(reading(1)));

        BufferedEvent first = oldest(buffer);
        buffer.release(first); // its send failed: it is handed out again, before the newer one

        assertThat(oldest(buffer).sequence()).isEqualTo(first.sequence());
        buffer.remove(first);
        assertThat(oldest(buffer).event()).isEqualTo(reading(1));
    }

    @Test
    void whatWasKeptIsThereAfterReopeningAndWhatWasRemovedIsNot() {
        DurableBuffer buffer = open(ROOMY);
        readings(0, 30).forEach(e -> kept(buffer.append(e)));
        for (int i = 0; i < 10; i++) {
            buffer.remove(oldest(buffer));
        }
        buffer.close();
        open.remove(buffer);

        DurableBuffer reopened = open(ROOMY);

        assertThat(reopened.size()).isEqualTo(20);
        assertThat(ids(drain(reopened))).containsExactlyElementsOf(ids(readings(10, 30)));
    }

    @Test
    void aFullBufferDropsTheOldestCountsThemAndRemembersTheCount() {
        DurableBuffer buffer = open(new DurableBuffer.Limits(5, 1 << 20, true));
        List<Integer> evicted = new ArrayList<>();

        readings(0, 8).forEach(e -> evicted.add(kept(buffer.append(e)).evicted()));

        assertThat(evicted).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.dropped()).isEqualTo(3);
        buffer.close();
        open.remove(buffer);
        DurableBuffer reopened = open(new DurableBuffer.Limits(5, 1 << 20, true));
        assertThat(reopened.dropped()).as("drops survive a restart").isEqualTo(3);
        assertThat(ids(drain(reopened))).containsExactlyElementsOf(ids(readings(3, 8)));
    }

    @Test
    void theByteBoundDropsTheOldestToo() {
        int size = DurableBuffer.encode(reading(0)).length;
        DurableBuffer buffer = open(new DurableBuffer.Limits(1_000, Math.max(1024, size * 4L + size / 2), true));
        int fits = (int) (buffer.limits().maxBytes() / size);

        readings(0, fits + 3).forEach(e -> kept(buffer.append(e)));

        assertThat(buffer.bytes()).isLessThanOrEqualTo(buffer.limits().maxBytes());
        assertThat(buffer.dropped()).isEqualTo(3);
        assertThat(ids(drain(buffer))).containsExactlyElementsOf(ids(readings(3, fits + 3)));
    }

    @Test
    void theEventBeingSentIsNeverDroppedForRoom() {
        // GIVEN a full buffer whose head is being sent
        DurableBuffer buffer = open(new DurableBuffer.Limits(3, 1 << 20, true));
        readings(0, 3).forEach(e -> kept(buffer.append(e)));
        BufferedEvent beingSent = oldest(buffer);

        // WHEN two more arrive
        kept(buffer.append(reading(3)));
        kept(buffer.append(reading(4)));

        // THEN the ones behind the head made room, and the head is still there to be removed
        assertThat(buffer.dropped()).isEqualTo(2);
        buffer.remove(beingSent);
        assertThat(ids(drain(buffer))).containsExactlyElementsOf(ids(readings(3, 5)));
    }

    @Test
    void eventsHandedOutAreNotHandedOutAgainUntilReleased() {
        DurableBuffer buffer = open(ROOMY);
        readings(0, 6).forEach(e -> kept(buffer.append(e)));

        List<BufferedEvent> first = buffer.next(2);
        List<BufferedEvent> second = buffer.next(2);
        buffer.release(first.get(1));

        assertThat(events(first)).containsExactlyElementsOf(readings(0, 2));
        assertThat(events(second)).containsExactlyElementsOf(readings(2, 4));
        assertThat(events(buffer.next(10))).as("the released one first, then the rest, oldest first")
                .containsExactly(reading(1), reading(4), reading(5));
        assertThat(buffer.inFlight()).isEqualTo(6);
    }

    @Test
    void removalsInAnyOrderKeepTheCountsExactAndSurviveAReopen() {
        // GIVEN ten events, six of them out for delivery
        DurableBuffer buffer = open(ROOMY);
        List<CloudEvent> events = readings(0, 10);
        events.forEach(e -> kept(buffer.append(e)));
        List<BufferedEvent> out = buffer.next(6);

        // WHEN three of those are delivered out of order (one twice), and the others come back
        buffer.remove(out.get(4));
        buffer.remove(out.get(1));
        buffer.remove(out.get(3));
        buffer.remove(out.get(1));
        List.of(out.get(0), out.get(2), out.get(5)).forEach(buffer::release);

        // THEN the counts are those of the seven left, which come out oldest first, before and after a reopen
        List<CloudEvent> left = List.of(events.get(0), events.get(2), events.get(5), events.get(6), events.get(7),
                events.get(8), events.get(9));
        assertThat(buffer.size()).isEqualTo(7);
        assertThat(buffer.bytes()).isEqualTo(bytesOf(left));
        assertThat(events(buffer.next(3))).containsExactlyElementsOf(left.subList(0, 3));
        buffer.close();
        open.remove(buffer);
        DurableBuffer reopened = open(ROOMY);
        assertThat(reopened.size()).isEqualTo(7);
        assertThat(reopened.bytes()).isEqualTo(bytesOf(left));
        assertThat(ids(drain(reopened))).containsExactlyElementsOf(ids(left));
        assertThat(reopened.size()).isZero();
        assertThat(reopened.bytes()).isZero();
    }

    @Test
    void noEventOutForDeliveryIsDroppedForRoom() {
        // GIVEN a full buffer of five, with the first, third and fourth out for delivery and the second delivered
        DurableBuffer buffer = open(new DurableBuffer.Limits(5, 1 << 20, true));
        List<CloudEvent> events = readings(0, 8);
        events.subList(0, 5).forEach(e -> kept(buffer.append(e)));
        List<BufferedEvent> out = buffer.next(4);
        buffer.remove(out.get(1));

        // WHEN three more arrive
        events.subList(5, 8).forEach(e -> kept(buffer.append(e)));

        // THEN room came from the oldest waiting ones only: the fifth and the sixth
        assertThat(buffer.dropped()).isEqualTo(2);
        List<CloudEvent> kept = List.of(events.get(0), events.get(2), events.get(3), events.get(6), events.get(7));
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.bytes()).isEqualTo(bytesOf(kept));
        List.of(out.get(0), out.get(2), out.get(3)).forEach(buffer::remove);
        assertThat(ids(drain(buffer))).containsExactlyElementsOf(ids(events.subList(6, 8)));
        assertThat(buffer.size()).isZero();
        assertThat(buffer.bytes()).isZero();
    }

    private static List<CloudEvent> events(List<BufferedEvent> buffered) {
        return buffered.stream().map(BufferedEvent::event).toList();
    }

    private static long bytesOf(List<CloudEvent> events) {
        return events.stream().mapToLong(e -> DurableBuffer.encode(e).length).sum();
    }

    @Test
    void anEventLargerThanTheWholeBufferIsRefusedNamingIt() {
        DurableBuffer buffer = open(new DurableBuffer.Limits(10, 1024, true));
        CloudEvent huge = CloudEventBuilder.v1().withId("huge-1").withSource(URI.create("/devices/pi-test"))
                .withType("io.kedge.reading.v1").withDataContentType("application/json")
                .withData(("{\"pad\":\"" + "x".repeat(2_000) + "\"}").getBytes()).build();

        assertThatThrownBy(() -> buffer.append(huge).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge-1").hasMessageContaining("1024");
        assertThat(buffer.size()).isZero();
    }

    @Test
    void concurrentAppendsShareCommitsAndAllArrive() throws Exception {
        DurableBuffer buffer = open(new DurableBuffer.Limits(10_000, 64 << 20, true));
        List<CompletableFuture<DurableBuffer.Appended>> appends = new ArrayList<>();

        readings(0, 2_000).forEach(e -> appends.add(buffer.append(e)));
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(appends).extracting(f -> f.join().sequence()).isSorted().doesNotHaveDuplicates();
        assertThat(ids(drain(buffer))).containsExactlyElementsOf(ids(readings(0, 2_000)));
    }

    @Test
    void aSecondProcessCannotOpenTheSameBuffer() {
        open(ROOMY);

        assertThatThrownBy(() -> DurableBuffer.open(dir, ROOMY))
                .hasMessageContaining(dir.resolve(DurableBuffer.FILE).toString())
                .hasMessageContaining("another process");
    }

    @Test
    void nonsensicalLimitsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new DurableBuffer.Limits(0, 1 << 20, true)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new DurableBuffer.Limits(10, 100, true)).hasMessageContaining("got 100 bytes");
    }
}
