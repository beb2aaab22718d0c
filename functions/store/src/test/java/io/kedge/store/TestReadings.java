package io.kedge.store;

import io.kedge.contract.data.Reading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contract's fixture readings as validated readings at recent sample times: the fixtures'
 * fixed date would fall out of a 30-day retention policy and be refused by InfluxDB.
 */
public final class TestReadings {

    // Distinct whole seconds in the last hour, so that tests sharing a server never share a point.
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    private static final AtomicLong NEXT = new AtomicLong();

    /** A sample time no other call returns in this JVM. */
    public static Instant uniqueTime() {
        return BASE.plusSeconds(NEXT.incrementAndGet());
    }

    public static ValidatedReading validated(Reading reading, Instant time) {
        return new ValidatedReading(reading.deviceId(), reading.location(), reading.sensor(),
                reading.temperature(), reading.humidity(), reading.pressure(), time.toString(), List.of());
    }

    public static ValidatedReading dht11(Instant time) {
        return validated(Readings.DHT11_LIVINGROOM, time);
    }

    public static ValidatedReading withLocation(ValidatedReading reading, String location) {
        return new ValidatedReading(reading.deviceId(), location, reading.sensor(), reading.temperature(),
                reading.humidity(), reading.pressure(), reading.time(), reading.quality());
    }

    public static ValidatedReading withDevice(ValidatedReading reading, String deviceId) {
        return new ValidatedReading(deviceId, reading.location(), reading.sensor(), reading.temperature(),
                reading.humidity(), reading.pressure(), reading.time(), reading.quality());
    }

    private TestReadings() {
    }
}
