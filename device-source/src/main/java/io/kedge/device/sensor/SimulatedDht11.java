package io.kedge.device.sensor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * A DHT11 for machines without one: a daily indoor curve with noise, faults and spikes, all drawn
 * from one seeded {@link Random} so that a seed and a sequence of sample times always give the same
 * readings.
 *
 * <ul>
 *   <li>Curve: temperature 21 °C ± 3 over 24 h of the clock's zone, warmest at 15:00 and coolest at
 *       03:00; relative humidity moves the other way, 45 %RH ∓ 8. Gaussian noise of σ 0.3 °C and
 *       σ 1.5 %RH on top, clamped to what a DHT11 can report (0–50 °C, 20–90 %RH).</li>
 *   <li>Resolution: temperature in tenths, humidity in whole percent, as newer DHT11 revisions send
 *       them (frames like {@code 42 0 31 3}, decoded as tenths by the Raspberry Pi kernel since
 *       late 2024); classic parts would send whole degrees.</li>
 *   <li>Faults, at {@code faultRate}: {@link SensorFault#IO_ERROR} (the kernel's {@code EIO}) three
 *       times in four, {@link SensorFault#TIMEOUT} mostly otherwise, now and then
 *       {@link SensorFault#TRY_AGAIN}: the mix the IIO driver reports.</li>
 *   <li>Outages, starting at {@code outageRate} per read: 5 to 30 reads in a row time out, as a
 *       loose wire or a sensor that lost power does; they drive the "failed N reads in a row" path.</li>
 *   <li>Spikes, at {@code spikeRate} among the samples: bit 7 of the integer byte of temperature or
 *       humidity set (+128), as a noisy line can produce in a frame whose checksum still matches.
 *       The value is implausible for any DHT (≥ 128 °C or ≥ 148 %RH) and validate must reject it;
 *       the device sends it anyway, because judging plausibility is not the sensor's job.</li>
 * </ul>
 */
public final class SimulatedDht11 implements Sensor {

    static final double MEAN_CELSIUS = 21;
    static final double CELSIUS_SWING = 3;
    static final double MEAN_HUMIDITY = 45;
    static final double HUMIDITY_SWING = 8;
    static final double CELSIUS_NOISE = 0.3;
    static final double HUMIDITY_NOISE = 1.5;
    static final int SPIKE_BIT = 128;
    private static final LocalTime WARMEST = LocalTime.of(15, 0);
    private static final double SECONDS_PER_DAY = 86_400;

    static final int MIN_OUTAGE = 5;
    static final int MAX_OUTAGE = 30;

    private final Random random;
    private final double faultRate;
    private final double spikeRate;
    private final double outageRate;
    private final Clock clock;
    private int outageLeft;

    /**
     * @param seed      seeds every random draw
     * @param faultRate probability in [0, 1] that a read fails
     * @param spikeRate probability in [0, 1] that a successful read carries a spike
     * @param clock     sample times, and the time of day that drives the curve (in the clock's zone)
     */
    public SimulatedDht11(long seed, double faultRate, double spikeRate, Clock clock) {
        this(seed, faultRate, spikeRate, 0, clock);
    }

    /**
     * @param outageRate probability in [0, 1] that a read starts an outage of 5 to 30 timed-out reads
     */
    public SimulatedDht11(long seed, double faultRate, double spikeRate, double outageRate, Clock clock) {
        this.random = new Random(seed);
        this.faultRate = probability("faultRate", faultRate);
        this.spikeRate = probability("spikeRate", spikeRate);
        this.outageRate = probability("outageRate", outageRate);
        this.clock = clock;
    }

    @Override
    public String model() {
        return Dht11.MODEL;
    }

    /** As the real part, so that switching to hardware never changes the timing. */
    @Override
    public Duration minimumPeriod() {
        return Dht11.MIN_SAMPLING_PERIOD;
    }

    @Override
    public synchronized SensorResult read() {
        // Every read draws the same numbers in the same order, whatever its outcome, so that one
        // reading's fault or spike does not shift the noise of all later ones.
        double faultRoll = random.nextDouble();
        double faultKindRoll = random.nextDouble();
        double spikeRoll = random.nextDouble();
        boolean spikeHumidity = random.nextBoolean();
        double celsiusNoise = random.nextGaussian();
        double humidityNoise = random.nextGaussian();
        double outageRoll = random.nextDouble();
        int outageLength = MIN_OUTAGE + random.nextInt(MAX_OUTAGE - MIN_OUTAGE + 1);

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (outageLeft == 0 && outageRoll < outageRate) {
            outageLeft = outageLength;
        }
        if (outageLeft > 0) {
            outageLeft--;
            return new SensorResult.Failure(SensorFault.TIMEOUT, "Connection timed out (simulated outage: no response)");
        }
        if (faultRoll < faultRate) {
            if (faultKindRoll < 0.75) {
                return new SensorResult.Failure(SensorFault.IO_ERROR, "Input/output error (simulated checksum mismatch)");
            }
            return faultKindRoll < 0.95
                    ? new SensorResult.Failure(SensorFault.TIMEOUT, "Connection timed out (simulated missing response)")
                    : new SensorResult.Failure(SensorFault.TRY_AGAIN, "Resource temporarily unavailable (simulated)");
        }
        double phase = dailyPhase(now);
        double celsius = clamp(MEAN_CELSIUS + CELSIUS_SWING * phase + CELSIUS_NOISE * celsiusNoise,
                Dht11.MIN_CELSIUS, Dht11.MAX_CELSIUS);
        double humidity = clamp(MEAN_HUMIDITY - HUMIDITY_SWING * phase + HUMIDITY_NOISE * humidityNoise,
                Dht11.MIN_HUMIDITY, Dht11.MAX_HUMIDITY);
        celsius = Math.round(celsius * 10) / 10.0;
        humidity = Math.round(humidity);
        if (spikeRoll < spikeRate) {
            if (spikeHumidity) {
                humidity += SPIKE_BIT;
            } else {
                celsius += SPIKE_BIT;
            }
        }
        return new SensorResult.Sample(new Measurement(celsius, humidity, null, now));
    }

    /** +1 at the warmest time of day, -1 twelve hours later. */
    private double dailyPhase(Instant now) {
        double secondOfDay = now.atZone(clock.getZone()).toLocalTime().toSecondOfDay();
        double sinceWarmest = secondOfDay - WARMEST.toSecondOfDay();
        return Math.cos(2 * Math.PI * sinceWarmest / SECONDS_PER_DAY);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
        return value;
    }
}
