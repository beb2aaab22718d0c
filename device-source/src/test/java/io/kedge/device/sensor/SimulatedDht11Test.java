package io.kedge.device.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.kedge.device.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedDht11Test {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-27T00:00:00Z");
    /** One day of reads at the DHT11's 2 s. */
    private static final int ONE_DAY = 43_200;

    private static SimulatedDht11 sensor(long seed, double faultRate, double spikeRate) {
        return new SimulatedDht11(seed, faultRate, spikeRate, new SteppingClock(MIDNIGHT, Duration.ofSeconds(2)));
    }

    private static List<SensorResult> reads(SimulatedDht11 sensor, int count) {
        return IntStream.range(0, count).mapToObj(i -> sensor.read()).toList();
    }

    private static List<Measurement> samples(List<SensorResult> results) {
        return results.stream()
                .filter(SensorResult.Sample.class::isInstance)
                .map(r -> ((SensorResult.Sample) r).measurement())
                .toList();
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        List<SensorResult> first = reads(sensor(7, 0.1, 0.02), 2_000);
        List<SensorResult> second = reads(sensor(7, 0.1, 0.02), 2_000);

        assertThat(first).isEqualTo(second);
        assertThat(first).hasAtLeastOneElementOfType(SensorResult.Failure.class);
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        assertThat(reads(sensor(7, 0.1, 0.02), 200)).isNotEqualTo(reads(sensor(8, 0.1, 0.02), 200));
    }

    @Test
    void aFaultDoesNotShiftTheNoiseOfLaterSamples() {
        List<SensorResult> clean = reads(sensor(3, 0, 0), 1_000);
        List<SensorResult> faulty = reads(sensor(3, 0.5, 0), 1_000);

        for (int i = 0; i < faulty.size(); i++) {
            if (faulty.get(i) instanceof SensorResult.Sample sample) {
                assertThat(sample).as("read %d", i).isEqualTo(clean.get(i));
            }
        }
    }

    @Test
    void withoutSpikesEverySampleIsWithinDht11RangesAtDht11Resolution() {
        List<Measurement> day = samples(reads(sensor(11, 0.05, 0), ONE_DAY));

        assertThat(day).hasSizeGreaterThan(ONE_DAY * 9 / 10).allSatisfy(m -> {
            assertThat(Dht11.inRange(m.temperature(), m.humidity())).as("%s", m).isTrue();
            assertThat(m.temperature() * 10).as("tenths of a degree").isEqualTo(Math.rint(m.temperature() * 10));
            assertThat(m.humidity()).as("whole percent").isEqualTo(Math.rint(m.humidity()));
            assertThat(m.pressure()).isNull();
        });
    }

    @Test
    void temperatureFollowsTheDayAndHumidityMovesTheOtherWay() {
        List<Measurement> day = samples(reads(sensor(11, 0, 0), ONE_DAY));
        // 2 s per read from midnight UTC: read n was sampled at second 2n of the day.
        List<Measurement> threeAm = day.subList(5_250, 5_550);
        List<Measurement> threePm = day.subList(26_850, 27_150);

        assertThat(mean(threePm, true)).isCloseTo(24.0, offset(0.2));
        assertThat(mean(threeAm, true)).isCloseTo(18.0, offset(0.2));
        assertThat(mean(threePm, false)).isCloseTo(37.0, offset(0.5));
        assertThat(mean(threeAm, false)).isCloseTo(53.0, offset(0.5));
        assertThat(mean(day, true)).isCloseTo(21.0, offset(0.1));
    }

    @Test
    void spikesAreImplausibleAndAboutAsFrequentAsConfigured() {
        List<Measurement> samples = samples(reads(sensor(5, 0, 0.02), 10_000));
        List<Measurement> outOfRange = samples.stream()
                .filter(m -> !Dht11.inRange(m.temperature(), m.humidity()))
                .toList();

        assertThat(outOfRange).hasSizeBetween(160, 240).allSatisfy(m ->
                assertThat(m.temperature() >= 128 || m.humidity() >= 148).as("%s", m).isTrue());
        assertThat(outOfRange).anyMatch(m -> m.temperature() >= 128).anyMatch(m -> m.humidity() >= 148);
    }

    @Test
    void faultsAreAboutAsFrequentAsConfiguredAndMixedAsTheKernelDriversAre() {
        List<SensorFault> faults = reads(sensor(9, 0.1, 0), 20_000).stream()
                .filter(SensorResult.Failure.class::isInstance)
                .map(r -> ((SensorResult.Failure) r).fault())
                .toList();

        assertThat(faults).hasSizeBetween(1_800, 2_200);
        assertThat(share(faults, SensorFault.IO_ERROR)).isBetween(0.70, 0.80);
        assertThat(share(faults, SensorFault.TIMEOUT)).isBetween(0.15, 0.25);
        assertThat(share(faults, SensorFault.TRY_AGAIN)).isBetween(0.02, 0.08);
    }

    @Test
    void outagesAreRunsOfFiveToThirtyTimeouts() {
        SimulatedDht11 sensor = new SimulatedDht11(4, 0, 0, 0.002, new SteppingClock(MIDNIGHT, Duration.ofSeconds(2)));
        List<Integer> runs = new java.util.ArrayList<>();
        int run = 0;
        for (SensorResult result : reads(sensor, 50_000)) {
            if (result instanceof SensorResult.Failure failure) {
                assertThat(failure.fault()).isEqualTo(SensorFault.TIMEOUT);
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }

        assertThat(runs).hasSizeBetween(40, 150).allSatisfy(length -> assertThat(length).isBetween(5, 60));
        assertThat(runs).anyMatch(length -> length <= 10).anyMatch(length -> length >= 20);
    }

    private static double share(List<SensorFault> faults, SensorFault kind) {
        return (double) faults.stream().filter(f -> f == kind).count() / faults.size();
    }

    @Test
    void samplesCarryTheClocksTimeAndTheDht11Timing() {
        SimulatedDht11 sensor = sensor(1, 0, 0);

        SensorResult.Sample first = (SensorResult.Sample) sensor.read();
        SensorResult.Sample second = (SensorResult.Sample) sensor.read();

        assertThat(first.measurement().sampledAt()).isEqualTo(MIDNIGHT);
        assertThat(second.measurement().sampledAt()).isEqualTo(MIDNIGHT.plusSeconds(2));
        assertThat(sensor.model()).isEqualTo("dht11");
        assertThat(sensor.minimumPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void ratesOutsideZeroToOneAreRefusedWithTheValue() {
        assertThatThrownBy(() -> sensor(1, 1.5, 0)).hasMessageContaining("faultRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> sensor(1, 0, -0.1)).hasMessageContaining("spikeRate").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> sensor(1, Double.NaN, 0)).hasMessageContaining("NaN");
    }

    private static double mean(List<Measurement> measurements, boolean temperature) {
        return measurements.stream()
                .mapToDouble(m -> temperature ? m.temperature() : m.humidity())
                .average()
                .orElseThrow();
    }
}
