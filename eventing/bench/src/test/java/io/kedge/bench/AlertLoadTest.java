package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.SendResult;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Verifies the alert benchmark's readings: which fire, that each firing device is new, and what counts as expected. */
class AlertLoadTest {

    @Test
    void everyNthReadingIsAHotReadingOfANewDeviceAndTheOthersAreCalm() {
        AlertLoad load = new AlertLoad("t", 5);
        long start = System.nanoTime();
        List<Reading> readings = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            CloudEvent event = CloudEventHttp.decode(load.event(2, i, start + i * 10_000_000L));
            assertThat(event.getType()).isEqualTo(EventTypes.READING);
            ids.add(event.getId());
            readings.add(EventData.read(event, Reading.class));
        }

        assertThat(ids).as("distinct ids").hasSize(40);
        List<Reading> hot = readings.stream().filter(r -> r.temperature() > 30).toList();
        assertThat(hot).hasSize(8).extracting(Reading::deviceId).doesNotHaveDuplicates()
                .allMatch(device -> device.startsWith("alert-bench-t-p2-fire-"));
        assertThat(readings.stream().filter(r -> r.temperature() <= 30))
                .allMatch(r -> r.temperature() >= 21 && r.temperature() < 24 && r.deviceId().contains("-calm-"));
        assertThat(load.firingReading(load.firingDevice(2, 5))).isNotNull()
                .extracting(AlertLoad.Sent::phase).isEqualTo(2);
        assertThat(load.firingReading(load.firingDevice(2, 6))).as("not a firing index").isNull();
    }

    @Test
    void sampleTimesFollowTheScheduleSoEachDevicesReadingsMoveForward() {
        AlertLoad load = new AlertLoad("t", 10);
        long start = System.nanoTime();

        Instant first = time(load.event(1, 1, start));
        Instant later = time(load.event(1, 17, start + 160_000_000L)); // the same calm device, 160 ms later

        assertThat(later).isAfter(first);
        assertThat(java.time.Duration.between(first, later).toMillis()).isBetween(159L, 161L);
    }

    @Test
    void onlyFiringReadingsTheBrokerAcceptedAreExpectedToFire() {
        AlertLoad load = new AlertLoad("t", 2);
        List<HttpMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(load.event(1, i, System.nanoTime())); // 0, 2 and 4 fire
        }
        EventSender refusesTheSecondFiring = new EventSender() {
            private int calls;

            @Override
            public CompletionStage<SendResult> send(HttpMessage message) {
                return CompletableFuture.completedFuture(new SendResult(calls++ == 2 ? 503 : 202, null));
            }

            @Override
            public void close() {
            }
        };

        EventSender counting = load.counting(refusesTheSecondFiring);
        messages.forEach(message -> counting.send(message).toCompletableFuture().join());

        assertThat(load.acceptedFiring(1)).isEqualTo(2);
        assertThat(load.acceptedFiring(2)).isZero();
    }

    private static Instant time(HttpMessage message) {
        return CloudEventHttp.decode(message).getTime().toInstant();
    }
}
