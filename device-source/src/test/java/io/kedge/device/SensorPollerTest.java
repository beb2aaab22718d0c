package io.kedge.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Reading;
import io.kedge.device.forward.Forwarder;
import io.kedge.device.forward.ForwardingStats;
import io.kedge.device.sensor.Measurement;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.sensor.SensorFault;
import io.kedge.device.sensor.SensorResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SensorPollerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final DeviceIdentity IDENTITY = new DeviceIdentity("pi-test", "lab");

    /** Answers the scripted results in order. */
    private record ScriptedSensor(Deque<Supplier<SensorResult>> script) implements Sensor {
        @Override
        public String model() {
            return "dht11";
        }

        @Override
        public SensorResult read() {
            return script.poll().get();
        }

        @Override
        public Duration minimumPeriod() {
            return Duration.ofSeconds(2);
        }
    }

    private static Supplier<SensorResult> sample(double celsius) {
        return () -> new SensorResult.Sample(new Measurement(celsius, 45, null, T0));
    }

    private static Supplier<SensorResult> eio() {
        return () -> new SensorResult.Failure(SensorFault.IO_ERROR, "Input/output error");
    }

    @Test
    void awaitOfferedReturnsOnlyOnceTheLastSampleIsInTheBuffer() {
        // GIVEN a buffer whose append of the sample completes 200 ms after it was offered
        CompletableFuture<Void> append = new CompletableFuture<>();
        Forwarder slowDisk = new Forwarder() {
            @Override
            public CompletionStage<Void> offer(CloudEvent event) {
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> append.complete(null));
                return append;
            }

            @Override
            public ForwardingStats stats() {
                return new ForwardingStats(0, 0, 0, 0, 0, 0, true);
            }

            @Override
            public void close() {
            }
        };
        SensorPoller poller = new SensorPoller(new ScriptedSensor(new ArrayDeque<>(List.of(sample(20.1)))), IDENTITY,
                slowDisk, Clock.fixed(T0, ZoneOffset.UTC));
        poller.poll();

        // WHEN the device stops and waits for it
        poller.awaitOffered(Duration.ofSeconds(5));

        // THEN the append is done, so the final counts include the sample
        assertThat(append).isDone();
    }

    @Test
    void samplesGoToTheForwarderAndFailuresAreCounted() {
        CollectingForwarder forwarder = new CollectingForwarder();
        Deque<Supplier<SensorResult>> script = new ArrayDeque<>(List.of(sample(20.1), eio(), sample(20.2)));
        SensorPoller poller = new SensorPoller(new ScriptedSensor(script), IDENTITY, forwarder,
                Clock.fixed(T0, ZoneOffset.UTC));

        poller.poll();
        poller.poll();
        poller.poll();

        assertThat(forwarder.readings()).extracting(Reading::temperature).containsExactly(20.1, 20.2);
        assertThat(forwarder.readings()).allSatisfy(r -> {
            assertThat(r.deviceId()).isEqualTo("pi-test");
            assertThat(r.location()).isEqualTo("lab");
            assertThat(r.sensor()).isEqualTo("dht11");
        });
        assertThat(poller.stats().read()).isEqualTo(2);
        assertThat(poller.stats().readFailures()).isEqualTo(1);
        assertThat(poller.stats().lastPoll()).isEqualTo(T0);
        assertThat(forwarder.events()).allSatisfy(event -> assertThat(event.getType()).isEqualTo(EventTypes.READING));
    }

    @Test
    void aSensorThatThrowsCountsAsAFailedReadAndPollingGoesOn() {
        CollectingForwarder forwarder = new CollectingForwarder();
        Deque<Supplier<SensorResult>> script = new ArrayDeque<>(List.of(
                () -> {
                    throw new IllegalStateException("driver bug");
                },
                sample(21)));
        SensorPoller poller = new SensorPoller(new ScriptedSensor(script), IDENTITY, forwarder,
                Clock.fixed(T0, ZoneOffset.UTC));

        poller.poll();
        poller.poll();

        assertThat(poller.stats().readFailures()).isEqualTo(1);
        assertThat(forwarder.readings()).hasSize(1);
        assertThat(poller.stats().faults()).containsEntry(SensorFault.OTHER, 1L);
    }

    @Test
    void failedAttemptsAreCountedByKindRetriedOnesIncluded() {
        CollectingForwarder forwarder = new CollectingForwarder();
        Deque<Supplier<SensorResult>> script = new ArrayDeque<>(List.of(
                () -> new SensorResult.Sample(new Measurement(20, 45, null, T0),
                        List.of(SensorFault.IO_ERROR, SensorFault.TRY_AGAIN)),
                () -> new SensorResult.Failure(SensorFault.TIMEOUT, "Connection timed out",
                        List.of(SensorFault.IO_ERROR, SensorFault.TIMEOUT, SensorFault.TIMEOUT))));
        SensorPoller poller = new SensorPoller(new ScriptedSensor(script), IDENTITY, forwarder,
                Clock.fixed(T0, ZoneOffset.UTC));

        poller.poll();
        poller.poll();

        assertThat(poller.stats().read()).isEqualTo(1);
        assertThat(poller.stats().readFailures()).as("reads, not attempts").isEqualTo(1);
        assertThat(poller.stats().faults())
                .containsEntry(SensorFault.IO_ERROR, 2L)
                .containsEntry(SensorFault.TIMEOUT, 2L)
                .containsEntry(SensorFault.TRY_AGAIN, 1L)
                .containsEntry(SensorFault.NOT_FOUND, 0L);
    }

    @Test
    void aBufferThatFailsDoesNotStopPolling() {
        CollectingForwarder forwarder = new CollectingForwarder().failWith(new IllegalStateException("disk full"));
        Deque<Supplier<SensorResult>> script = new ArrayDeque<>(List.of(sample(20.1), sample(20.2)));
        SensorPoller poller = new SensorPoller(new ScriptedSensor(script), IDENTITY, forwarder,
                Clock.fixed(T0, ZoneOffset.UTC));

        poller.poll();
        poller.poll();

        assertThat(poller.stats().read()).isEqualTo(2);
    }

    @Test
    void aLoopIsStalledAfterThreeMissedTicksButNeverBeforeTenSeconds() {
        SensorPoller.PollStats polledAtT0 = new SensorPoller.PollStats(1, 0, T0);

        assertThat(polledAtT0.stalled(T0.plusSeconds(9), Duration.ofSeconds(2))).isFalse();
        assertThat(polledAtT0.stalled(T0.plusSeconds(11), Duration.ofSeconds(2))).isTrue();
        assertThat(polledAtT0.stalled(T0.plusSeconds(89), Duration.ofSeconds(30))).isFalse();
        assertThat(polledAtT0.stalled(T0.plusSeconds(91), Duration.ofSeconds(30))).isTrue();
        assertThat(new SensorPoller.PollStats(0, 0, null).stalled(T0, Duration.ofSeconds(2))).isFalse();
    }
}
