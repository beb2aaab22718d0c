package io.kedge.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.RecordingSubscriber;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Verifies the durability promise with a real crash: the packaged broker accepts events while one
 * subscriber is down, is killed with SIGKILL, and after a restart delivers every accepted event to
 * that subscriber — without sending the other Trigger's subscriber what it already had.
 */
class BrokerKillIT {

    private static final int EVENTS = 300;

    @Test
    void everyAcceptedEventIsDeliveredAfterKillMinusNine() throws Exception {
        int downPort = FreePorts.next();
        try (RecordingSubscriber up = RecordingSubscriber.start();
             BrokerProcess broker = new BrokerProcess(up.uri(), URI.create("http://127.0.0.1:" + downPort), Map.of())) {
            // GIVEN events accepted while the 'down' Trigger's subscriber is not running
            List<CloudEvent> events = IntStream.range(0, EVENTS).mapToObj(i -> event()).toList();
            assertThat(broker.postAll(events, 16)).as("accepted with 202").isEqualTo(EVENTS);
            Poll.until("the 'up' subscriber to have every event", Duration.ofSeconds(30),
                    () -> broker.backlog("proc/up") == 0);
            // a completed delivery reaches the disk with the next commit, up to 50 ms later; a kill
            // before that would repeat it, which at-least-once allows but this test means to rule out
            Poll.until("the deliveries to be committed", Duration.ofSeconds(10), () -> broker.uncommitted() == 0);
            assertThat(ids(up.requests("/up"))).hasSize(EVENTS);
            assertThat(broker.backlog("proc/down")).isEqualTo(EVENTS);

            // WHEN the broker dies without any chance to clean up, and comes back once the subscriber runs
            broker.app.kill();
            try (RecordingSubscriber down = RecordingSubscriber.start(downPort)) {
                broker.app.restart();

                // THEN the 'down' subscriber gets every accepted event, the 'up' one nothing again
                Poll.until("every event at the 'down' subscriber", Duration.ofSeconds(60), Duration.ofMillis(200),
                        () -> broker.backlog() == 0, () -> broker.health().toString());
                assertThat(ids(down.requests("/down"))).containsExactlyInAnyOrderElementsOf(ids(events));
                assertThat(up.requests("/up")).as("nothing resent to the Trigger that had it all").hasSize(EVENTS);
            }
        }
    }

    private static CloudEvent event() {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM))
                .withId(UUID.randomUUID().toString())
                .withType("proc.reading")
                .build();
    }

    private static Set<String> ids(List<?> items) {
        Set<String> ids = new HashSet<>();
        for (Object item : items) {
            ids.add(item instanceof CloudEvent e ? e.getId() : ((RecordingSubscriber.Request) item).header("ce-id"));
        }
        return ids;
    }
}
