package io.kedge.device.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.device.LocalBroker;
import io.kedge.device.RecordingSink;
import io.kedge.device.TestEvents;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the store-and-forward against the real local broker: 10,000 readings taken while the
 * broker is down wait on disk, and once it is up every one of them reaches the broker, through the
 * default window of 32 sends in flight, and from there the subscriber; none is lost and none is
 * dropped. (The order within a window is not kept: {@code StoreAndForwardTest} covers the strict
 * order of a window of one.)
 */
class OutageIT {

    private static final Logger LOG = Logger.getLogger(OutageIT.class);
    private static final int READINGS = 10_000;
    private static final Duration DELIVERY = Duration.ofMinutes(5);

    @TempDir
    Path buffer;

    @Test
    void tenThousandReadingsBufferedDuringAnOutageAllArriveAfterItNoneLost() {
        int brokerPort = FreePorts.next();
        List<CloudEvent> readings = TestEvents.readings(0, READINGS);
        try (RecordingSink subscriber = RecordingSink.start();
             StoreAndForward forwarder = new StoreAndForward(
                     DurableBuffer.open(buffer, new DurableBuffer.Limits(READINGS, 64 << 20, true)),
                     new HttpEventSender(URI.create(LocalBroker.ingress(brokerPort)), CeOverrides.NONE, Duration.ofSeconds(5)),
                     new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Clock.systemUTC(), 32,
                     Duration.ofSeconds(5))) {

            // GIVEN the broker is down while 10,000 readings are taken
            CompletableFuture<?>[] kept = readings.stream().map(r -> forwarder.offer(r).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(kept).orTimeout(2, TimeUnit.MINUTES).join();
            Poll.until("the outage noticed", Duration.ofSeconds(30), () -> !forwarder.stats().sinkUp());
            assertThat(forwarder.stats().buffered()).isEqualTo(READINGS);
            assertThat(forwarder.stats().sent()).isZero();

            // WHEN the broker comes up
            long start = System.nanoTime();
            try (LocalBroker broker = LocalBroker.start(brokerPort, subscriber.url())) {

                // THEN the forwarder delivers everything, and the subscriber receives everything
                Poll.until("all readings accepted by the broker", DELIVERY, Duration.ofMillis(200),
                        () -> forwarder.stats().sent() == READINGS, () -> forwarder.stats() + "; " + broker.logTail());
                long forwarded = System.nanoTime() - start;
                Poll.until("all readings at the subscriber", DELIVERY, Duration.ofMillis(200),
                        () -> distinctIds(subscriber) == READINGS, () -> distinctIds(subscriber) + " of " + READINGS);
                LOG.infof("10,000 buffered readings forwarded to the broker in %.1f s (%.0f/s), load average %s",
                        forwarded / 1e9, READINGS / (forwarded / 1e9), loadAverage());
            }
            ForwardingStats stats = forwarder.stats();
            assertThat(stats).isEqualTo(new ForwardingStats(0, 0, READINGS, 0, 0, 0, true));
            assertThat(new HashSet<>(subscriber.acceptedIds())).containsExactlyInAnyOrderElementsOf(TestEvents.ids(readings));
        }
    }

    private static long distinctIds(RecordingSink subscriber) {
        return subscriber.acceptedIds().stream().distinct().count();
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
