package io.kedge.device.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the fields of a reading sit in a gateway's JSON payload, as JSON pointers (RFC 6901), plus
 * what to use when the payload lacks them. Start from a {@link Preset} and override single fields.
 *
 * @param deviceId          the device id; when absent, {@code deviceIdTopicLevel} of the topic
 * @param location          the location (optional in a reading)
 * @param sensor            the sensor model; when absent, {@code defaultSensor}
 * @param temperature       degrees Celsius, a JSON number
 * @param humidity          percent relative humidity, a JSON number
 * @param pressure          hectopascal, a JSON number
 * @param time              the sample time, RFC 3339 text with a zone; when absent, the time the bridge received it
 * @param defaultSensor     sensor model of readings whose payload names none
 * @param defaultLocation   location of readings whose payload names none
 * @param deviceIdTopicLevel topic level (from 0) holding the device id, e.g. 1 in {@code kedge/+/reading}
 */
public record PayloadMapping(
        JsonPointer deviceId,
        JsonPointer location,
        JsonPointer sensor,
        JsonPointer temperature,
        JsonPointer humidity,
        JsonPointer pressure,
        JsonPointer time,
        String defaultSensor,
        Optional<String> defaultLocation,
        OptionalInt deviceIdTopicLevel) {

    /** Payload shapes of common publishers. */
    public enum Preset {
        /**
         * {@code {"deviceId":"pi-garden","location":"garden","sensor":"dht22","temperature":21.5,
         * "humidity":40,"pressure":1013.2,"time":"2026-11-27T10:15:30Z"}}: the reading's own field
         * names, what a small gateway script or {@code mosquitto_pub} sends.
         */
        FLAT("/deviceId", "/location", "/sensor", "/temperature", "/humidity", "/pressure", "/time"),
        /**
         * A ChirpStack v4 uplink event as its MQTT integration publishes it: device name under
         * {@code deviceInfo}, the codec's decoded values under {@code object}, the gateway time in {@code time}.
         */
        CHIRPSTACK("/deviceInfo/deviceName", "/deviceInfo/tags/location", "/deviceInfo/tags/sensor",
                "/object/temperature", "/object/humidity", "/object/pressure", "/time"),
        /**
         * A The Things Stack (TTN v3) uplink message: {@code end_device_ids.device_id}, the payload
         * formatter's values under {@code uplink_message.decoded_payload}, {@code received_at}.
         */
        TTN("/end_device_ids/device_id", "/uplink_message/decoded_payload/location",
                "/uplink_message/decoded_payload/sensor", "/uplink_message/decoded_payload/temperature",
                "/uplink_message/decoded_payload/humidity", "/uplink_message/decoded_payload/pressure",
                "/received_at");

        private final String[] pointers;

        Preset(String... pointers) {
            this.pointers = pointers;
        }

        public PayloadMapping mapping(String defaultSensor, Optional<String> defaultLocation, OptionalInt deviceIdTopicLevel) {
            return new PayloadMapping(pointer(pointers[0]), pointer(pointers[1]), pointer(pointers[2]),
                    pointer(pointers[3]), pointer(pointers[4]), pointer(pointers[5]), pointer(pointers[6]),
                    defaultSensor, defaultLocation, deviceIdTopicLevel);
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PayloadMapping {
        if (defaultSensor == null || defaultSensor.isBlank()) {
            throw new IllegalArgumentException("the default sensor model must not be blank, got \"" + defaultSensor + "\"");
        }
    }

    /**
     * {@code text} as a JSON pointer.
     *
     * @throws IllegalArgumentException quoting the text when it is not one (it must start with '/')
     */
    public static JsonPointer pointer(String text) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a JSON pointer (RFC 6901, e.g. /object/temperature): "
                    + e.getMessage());
        }
    }

    public PayloadMapping withDeviceId(JsonPointer p) {
        return new PayloadMapping(p, location, sensor, temperature, humidity, pressure, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withLocation(JsonPointer p) {
        return new PayloadMapping(deviceId, p, sensor, temperature, humidity, pressure, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withSensor(JsonPointer p) {
        return new PayloadMapping(deviceId, location, p, temperature, humidity, pressure, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withTemperature(JsonPointer p) {
        return new PayloadMapping(deviceId, location, sensor, p, humidity, pressure, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withHumidity(JsonPointer p) {
        return new PayloadMapping(deviceId, location, sensor, temperature, p, pressure, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withPressure(JsonPointer p) {
        return new PayloadMapping(deviceId, location, sensor, temperature, humidity, p, time, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }

    public PayloadMapping withTime(JsonPointer p) {
        return new PayloadMapping(deviceId, location, sensor, temperature, humidity, pressure, p, defaultSensor,
                defaultLocation, deviceIdTopicLevel);
    }
}
