package io.kedge.device.sensor;

import java.time.Duration;

/**
 * One physical (or simulated) sensor. Implementations talk to their hardware and nothing else:
 * they know neither the device id nor where readings go.
 *
 * <p>{@link #read()} never throws for a failed read: hardware that fails as often as a DHT11 does
 * fails as a value, so the caller counts it and carries on with the next interval.
 */
public interface Sensor {

    /** Sensor model as it appears in readings and as the event {@code subject}: {@code dht11}, {@code bme280}, ... */
    String model();

    /** Takes one sample now. */
    SensorResult read();

    /** The shortest poll interval the hardware tolerates; the device never polls faster. */
    Duration minimumPeriod();
}
