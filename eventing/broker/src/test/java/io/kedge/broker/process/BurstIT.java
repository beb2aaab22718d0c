package io.kedge.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.RecordingSubscriber;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Verifies that a burst of 100,000 events, 2 KiB each (about 200 MB), fits a broker whose heap is
 * capped at 128 MB while nobody can receive them: bodies wait on disk, not in memory; resident
 * memory does not grow with the backlog; and everything is delivered once the subscriber is up.
 */
class BurstIT {

    private static final Logger LOG = Logger.getLogger(BurstIT.class);
    private static final int EVENTS = 100_000;
    private static final int HALF = EVENTS / 2;

    @Test
    void burstOfAHundredThousandEventsWaitsOnDiskAndIsDelivered() throws Exception {
        int port = FreePorts.next();
        URI subscriber = URI.create("http://127.0.0.1:" + port);
        try (BrokerProcess broker = new BrokerProcess(subscriber, subscriber,
                Map.of("KEDGE_BROKER_QUEUE_CAPACITY", String.valueOf(EVENTS)))) {
            // GIVEN a burst while the subscriber is down
            long start = System.nanoTime();
            assertThat(broker.postAll(events(0, HALF), 32)).isEqualTo(HALF);
            long rssAtHalf = broker.rssKib();
            assertThat(broker.postAll(events(HALF, EVENTS), 32)).isEqualTo(EVENTS - HALF);
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssAtFull = broker.rssKib();
            LOG.infof("burst: %d events accepted in %.1f s (%.0f/s, fsync'd); RSS %d MiB at %d, %d MiB at %d",
                    EVENTS, seconds, EVENTS / seconds, rssAtHalf >> 10, HALF, rssAtFull >> 10, EVENTS);

            // THEN they all wait on disk, and the second half took no memory worth speaking of
            assertThat(broker.backlog()).isEqualTo(EVENTS);
            assertThat(rssAtFull - rssAtHalf).as("RSS growth (KiB) over 50,000 more events of 2 KiB")
                    .isLessThan(48 * 1024);
            // One more is refused: the backlog is at its bound
            assertThat(broker.post(event(EVENTS))).isEqualTo(503);

            // WHEN the subscriber comes up, THEN everything arrives
            try (RecordingSubscriber up = RecordingSubscriber.startWithoutBodies(port)) {
                long deliveryStart = System.nanoTime();
                Poll.until("the backlog to drain", Duration.ofMinutes(4), Duration.ofMillis(500),
                        () -> broker.backlog() == 0, () -> broker.health().toString());
                LOG.infof("burst: 2 x %d deliveries in %.1f s; RSS %d MiB", EVENTS,
                        (System.nanoTime() - deliveryStart) / 1e9, broker.rssKib() >> 10);
                assertThat(up.requests("/up")).hasSize(EVENTS);
                assertThat(up.requests("/down")).hasSize(EVENTS);
            }
        }
    }

    private static List<CloudEvent> events(int from, int to) {
        List<CloudEvent> events = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            events.add(event(i));
        }
        return events;
    }

    private static CloudEvent event(int i) {
        byte[] data = new byte[2048];
        Arrays.fill(data, (byte) 'r');
        return CloudEventBuilder.v1()
                .withId("burst-" + i)
                .withSource(URI.create("/devices/pi-burst"))
                .withType("proc.reading")
                .withDataContentType("application/octet-stream")
                .withData(data)
                .build();
    }
}
