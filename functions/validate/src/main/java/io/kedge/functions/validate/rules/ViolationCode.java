package io.kedge.functions.validate.rules;

import java.util.Locale;

/**
 * The stable, machine-readable reasons a reading is rejected. The wire form is the lower-case
 * name ({@code out_of_range}); consumers match on it, so a published code is never renamed.
 */
public enum ViolationCode {
    /** deviceId, sensor or time is absent, null or blank. */
    MISSING_FIELD,
    /** None of temperature, humidity, pressure is present. */
    NO_MEASUREMENT,
    /**
     * deviceId or location contains a control character (line feed, carriage return, tab, ...) or
     * ends with a backslash: neither an InfluxDB tag nor the alert state can store it unaltered.
     */
    INVALID_CHARACTER,
    /** A field has the wrong JSON type, e.g. a temperature given as text, or the data is no object. */
    WRONG_TYPE,
    /** A measurement is NaN or infinite (bare NaN token, "NaN" string, or a number overflowing a double). */
    NOT_A_NUMBER,
    /** A measurement lies outside the physical range of the sensor model. */
    OUT_OF_RANGE,
    /** The sensor model does not measure that quantity, e.g. pressure from a DHT11. */
    NOT_MEASURED,
    /** temperatureUnit is none of C, F, K. */
    UNKNOWN_UNIT,
    /** The sensor model is not known and the policy is {@code reject}. */
    UNKNOWN_SENSOR,
    /** The time is not an RFC 3339 date-time. */
    INVALID_TIME,
    /** The time has no zone offset, so the instant it names is unknown. */
    TIME_WITHOUT_ZONE,
    /** The time lies further ahead of now than the allowed clock skew. */
    TIME_IN_FUTURE,
    /** The time lies further back than the maximum age. */
    TIME_TOO_OLD;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
