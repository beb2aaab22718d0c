package io.kedge.device.sensor;

import java.time.Instant;

/**
 * One sample as a sensor delivers it, before it is attributed to a device.
 *
 * @param temperature degrees Celsius
 * @param humidity    relative humidity in percent
 * @param pressure    hectopascal, or {@code null} for sensors without a barometer (DHT11)
 * @param sampledAt   when the sensor was read
 */
public record Measurement(double temperature, double humidity, Double pressure, Instant sampledAt) {

    public Measurement {
        if (sampledAt == null) {
            throw new IllegalArgumentException("a measurement needs its sample time");
        }
    }
}
