package io.kedge.contract.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code io.kedge.reading.v1}: one sample of one sensor.
 *
 * @param deviceId    the device that took the sample, e.g. {@code pi-livingroom}
 * @param location    where the device stands, e.g. {@code livingroom}; becomes the InfluxDB tag
 * @param sensor      sensor model: {@code dht11}, {@code dht22}, {@code bme280}, ...
 * @param temperature degrees Celsius, unless {@code temperatureUnit} says otherwise
 * @param humidity    relative humidity in percent
 * @param pressure    hectopascal (BME280 only), otherwise absent
 * @param time        sample time, RFC 3339 with a zone offset; kept as text so that a zone-less
 *                    timestamp can be rejected with its own reason instead of failing to parse
 * @param temperatureUnit unit of {@code temperature}: {@code C} (also when absent), {@code F} or
 *                    {@code K}; validation converts to °C, so only raw readings carry it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reading(
        String deviceId,
        String location,
        String sensor,
        Double temperature,
        Double humidity,
        Double pressure,
        String time,
        String temperatureUnit) {

    /** A reading in °C, the unit every sensor Kedge knows reports in. */
    public Reading(String deviceId, String location, String sensor, Double temperature, Double humidity,
                   Double pressure, String time) {
        this(deviceId, location, sensor, temperature, humidity, pressure, time, null);
    }
}
