package io.kedge.device;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SensorPollerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final DeviceIdentity IDENTITY = new DeviceIdentity("pi-test", "lab");

    /** Collects what the poller offers, in order. */
    private static final class CollectingForwarder implements Forwarder {
        final List<Reading> offered = new ArrayList<>();

        @Override
        public void offer(Reading reading) {
            offered.add(reading);
        }

        @Override
        public ForwardingStats stats() {
            return new ForwardingStats(0, 0, offered.size(), true);
        }

        @Override
        public void close() {
        }
    }

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
    void samplesGoToTheForwarderAndFailuresAreCounted() {
        CollectingForwarder forwarder = new CollectingForwarder();
        Deque<Supplier<SensorResult>> script = new ArrayDeque<>(List.of(sample(20.1), eio(), sample(20.2)));
        SensorPoller poller = new SensorPoller(new ScriptedSensor(script), IDENTITY, forwarder,
                Clock.fixed(T0, ZoneOffset.UTC));

        poller.poll();
        poller.poll();
        poller.poll();

        assertThat(forwarder.offered).extracting(Reading::temperature).containsExactly(20.1, 20.2);
        assertThat(forwarder.offered).allSatisfy(r -> {
            assertThat(r.deviceId()).isEqualTo("pi-test");
            assertThat(r.location()).isEqualTo("lab");
            assertThat(r.sensor()).isEqualTo("dht11");
        });
        assertThat(poller.stats()).isEqualTo(new SensorPoller.PollStats(2, 1, T0));
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
        assertThat(forwarder.offered).hasSize(1);
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
