package io.kedge.functions.validate;

import static io.kedge.contract.fixtures.Readings.DHT11_LIVINGROOM;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.EventData;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reading payloads that only the validate function cares about: JSON that the typed
 * {@link Reading} cannot even express (wrong types, NaN tokens), next to the shared
 * {@link Readings} fixtures.
 */
public final class Payloads {

    /** "Now" in every test: one minute after the fixtures' sample time. */
    public static final Instant NOW = Instant.parse(Readings.SAMPLE_TIME).plusSeconds(60);
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String TEMPERATURE_AS_TEXT = with(DHT11_LIVINGROOM, "temperature", "\"abc\"");
    public static final String TEMPERATURE_AS_OBJECT = with(DHT11_LIVINGROOM, "temperature", "{\"celsius\":21}");
    public static final String TEMPERATURE_AS_NUMERIC_TEXT = with(DHT11_LIVINGROOM, "temperature", "\"21.5\"");
    public static final String TEMPERATURE_BARE_NAN = with(DHT11_LIVINGROOM, "temperature", "NaN");
    public static final String HUMIDITY_NAN_TEXT = with(DHT11_LIVINGROOM, "humidity", "\"NaN\"");
    public static final String HUMIDITY_MINUS_INFINITY_TEXT = with(DHT11_LIVINGROOM, "humidity", "\"-Infinity\"");
    public static final String TEMPERATURE_HUGE_EXPONENT = with(DHT11_LIVINGROOM, "temperature", "1e999");
    public static final String TEMPERATURE_FOUR_HUNDRED_DIGITS = with(DHT11_LIVINGROOM, "temperature", "1" + "0".repeat(400));
    public static final String DEVICE_ID_AS_NUMBER = with(DHT11_LIVINGROOM, "deviceId", "42");
    public static final String NO_DEVICE_ID = with(DHT11_LIVINGROOM, "deviceId", null);
    public static final String BLANK_SENSOR = with(DHT11_LIVINGROOM, "sensor", "\"  \"");
    public static final String NULL_TIME = with(DHT11_LIVINGROOM, "time", "null");
    public static final String DEVICE_ID_WITH_LINE_FEED = with(DHT11_LIVINGROOM, "deviceId", "\"pi\\nlivingroom\"");
    public static final String DEVICE_ID_WITH_NUL = with(DHT11_LIVINGROOM, "deviceId", "\"pi\\u0000\"");
    public static final String LOCATION_WITH_TAB = with(DHT11_LIVINGROOM, "location", "\"living\\troom\"");
    public static final String LOCATION_WITH_CARRIAGE_RETURN = with(DHT11_LIVINGROOM, "location", "\"living\\rroom\"");
    public static final String LOCATION_ENDING_IN_BACKSLASH = with(DHT11_LIVINGROOM, "location", "\"livingroom\\\\\"");
    public static final String NO_MEASUREMENT = with(with(DHT11_LIVINGROOM, "temperature", null), "humidity", null);
    public static final String ARRAY_INSTEAD_OF_OBJECT = "[21.0, 45.0]";
    public static final String DHT11_WITH_PRESSURE = with(DHT11_LIVINGROOM, "pressure", "1013.2");
    public static final String DHT22_BELOW_MINUS_40 = json(new Reading("pi-garage", "garage", "dht22", -41.0, 50.0, null, Readings.SAMPLE_TIME));
    public static final String BME280_PRESSURE_BELOW_300 = json(new Reading("pi-office", "office", "bme280", 20.0, 40.0, 250.0, Readings.SAMPLE_TIME));
    public static final String UNKNOWN_SENSOR_TOO_HOT = json(new Reading("pi-lab", "lab", "sht31", 130.0, 40.0, null, Readings.SAMPLE_TIME));
    public static final String TIME_NOT_RFC3339 = with(DHT11_LIVINGROOM, "time", "\"yesterday\"");
    public static final String TIME_OFFSET_WITHOUT_MINUTES = atTime(Readings.SAMPLE_TIME.replace("Z", "+00"));
    public static final String TIME_WITHOUT_SECONDS = atTime(Readings.SAMPLE_TIME.substring(0, 16) + "Z");
    public static final String TIME_YEAR_PAST_9999 = atTime("+10000-01-01T00:00:00Z");
    public static final String TIME_AS_EPOCH_SECONDS = with(DHT11_LIVINGROOM, "time", "1795774530");
    public static final String TIME_TEN_MINUTES_AHEAD = atTime(NOW.plusSeconds(600).toString());
    public static final String TIME_TWENTY_FIVE_HOURS_OLD = atTime(NOW.minusSeconds(25 * 3600).toString());
    public static final String TEMPERATURE_IN_RANKINE = with(DHT11_LIVINGROOM, "temperatureUnit", "\"R\"");
    public static final String TEMPERATURE_UNIT_LOWER_CASE = with(DHT11_LIVINGROOM, "temperatureUnit", "\"f\"");
    public static final String TEMPERATURE_UNIT_AS_NUMBER = with(DHT11_LIVINGROOM, "temperatureUnit", "1");
    public static final String ABSURD_TEMPERATURE_IN_UNKNOWN_UNIT =
            with(with(DHT11_LIVINGROOM, "temperature", "500"), "temperatureUnit", "\"R\"");
    public static final String DHT11_AT_131_FAHRENHEIT = json(new Reading("pi-livingroom", "livingroom", "dht11", 131.0, 45.0,
            null, Readings.SAMPLE_TIME, "F"));
    public static final String DHT11_AT_250_KELVIN = json(new Reading("pi-livingroom", "livingroom", "dht11", 250.0, 45.0,
            null, Readings.SAMPLE_TIME, "K"));
    public static final String THREE_PROBLEMS_AT_ONCE = with(with(with(DHT11_LIVINGROOM,
            "temperature", "\"abc\""), "humidity", "120"), "time", "\"2026-11-27T10:15:30\"");

    /** Malformed payloads with the violations they must produce, as {@code code@field}. */
    public static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("temperature given as text is a wrong type", TEMPERATURE_AS_TEXT, List.of("wrong_type@temperature")),
                Arguments.of("temperature given as an object is a wrong type", TEMPERATURE_AS_OBJECT, List.of("wrong_type@temperature")),
                Arguments.of("temperature given as numeric text is a wrong type", TEMPERATURE_AS_NUMERIC_TEXT, List.of("wrong_type@temperature")),
                Arguments.of("bare NaN token is not a number", TEMPERATURE_BARE_NAN, List.of("not_a_number@temperature")),
                Arguments.of("NaN as text is not a number", HUMIDITY_NAN_TEXT, List.of("not_a_number@humidity")),
                Arguments.of("-Infinity as text is not a number", HUMIDITY_MINUS_INFINITY_TEXT, List.of("not_a_number@humidity")),
                Arguments.of("huge exponent overflowing a double is not a number", TEMPERATURE_HUGE_EXPONENT, List.of("not_a_number@temperature")),
                Arguments.of("four hundred digits overflowing a double is not a number", TEMPERATURE_FOUR_HUNDRED_DIGITS, List.of("not_a_number@temperature")),
                Arguments.of("device id given as a number is a wrong type", DEVICE_ID_AS_NUMBER, List.of("wrong_type@deviceId")),
                Arguments.of("missing device id is a missing field", NO_DEVICE_ID, List.of("missing_field@deviceId")),
                Arguments.of("blank sensor is a missing field", BLANK_SENSOR, List.of("missing_field@sensor")),
                Arguments.of("null time is a missing field", NULL_TIME, List.of("missing_field@time")),
                Arguments.of("device id with a line feed is no storable tag", DEVICE_ID_WITH_LINE_FEED, List.of("invalid_character@deviceId")),
                Arguments.of("device id with a NUL is no storable tag", DEVICE_ID_WITH_NUL, List.of("invalid_character@deviceId")),
                Arguments.of("location with a tab is no storable tag", LOCATION_WITH_TAB, List.of("invalid_character@location")),
                Arguments.of("location with a carriage return is no storable tag", LOCATION_WITH_CARRIAGE_RETURN,
                        List.of("invalid_character@location")),
                Arguments.of("location ending in a backslash is no storable tag", LOCATION_ENDING_IN_BACKSLASH,
                        List.of("invalid_character@location")),
                Arguments.of("reading without any measurement", NO_MEASUREMENT, List.of("no_measurement@$")),
                Arguments.of("JSON array instead of an object is a wrong type", ARRAY_INSTEAD_OF_OBJECT, List.of("wrong_type@$")),
                Arguments.of("pressure from a DHT11 is not measured", DHT11_WITH_PRESSURE, List.of("not_measured@pressure")),
                Arguments.of("DHT22 below -40 °C is out of range", DHT22_BELOW_MINUS_40, List.of("out_of_range@temperature")),
                Arguments.of("BME280 pressure below 300 hPa is out of range", BME280_PRESSURE_BELOW_300, List.of("out_of_range@pressure")),
                Arguments.of("unknown sensor above the generic 125 °C is out of range", UNKNOWN_SENSOR_TOO_HOT, List.of("out_of_range@temperature")),
                Arguments.of("temperature unit R is unknown", TEMPERATURE_IN_RANKINE, List.of("unknown_unit@temperatureUnit")),
                Arguments.of("temperature unit in lower case is unknown", TEMPERATURE_UNIT_LOWER_CASE, List.of("unknown_unit@temperatureUnit")),
                Arguments.of("temperature unit given as a number is a wrong type", TEMPERATURE_UNIT_AS_NUMBER, List.of("wrong_type@temperatureUnit")),
                Arguments.of("value in an unknown unit is not range-checked as °C", ABSURD_TEMPERATURE_IN_UNKNOWN_UNIT, List.of("unknown_unit@temperatureUnit")),
                Arguments.of("DHT11 at 131 °F (55 °C) is out of range", DHT11_AT_131_FAHRENHEIT, List.of("out_of_range@temperature")),
                Arguments.of("DHT11 at 250 K (-23.15 °C) is out of range", DHT11_AT_250_KELVIN, List.of("out_of_range@temperature")),
                Arguments.of("time that is no date-time is invalid", TIME_NOT_RFC3339, List.of("invalid_time@time")),
                Arguments.of("offset without minutes, which java.time reads, is no RFC 3339 time", TIME_OFFSET_WITHOUT_MINUTES,
                        List.of("invalid_time@time")),
                Arguments.of("time without seconds, which java.time reads, is no RFC 3339 time", TIME_WITHOUT_SECONDS,
                        List.of("invalid_time@time")),
                Arguments.of("year past 9999, which java.time reads, is no RFC 3339 time", TIME_YEAR_PAST_9999,
                        List.of("invalid_time@time")),
                Arguments.of("time as epoch seconds is a wrong type", TIME_AS_EPOCH_SECONDS, List.of("wrong_type@time")),
                Arguments.of("time ten minutes ahead is in the future", TIME_TEN_MINUTES_AHEAD, List.of("time_in_future@time")),
                Arguments.of("time twenty-five hours back is too old", TIME_TWENTY_FIVE_HOURS_OLD, List.of("time_too_old@time")),
                Arguments.of("every problem is reported, not just the first", THREE_PROBLEMS_AT_ONCE,
                        List.of("wrong_type@temperature", "out_of_range@humidity", "time_without_zone@time")));
    }

    public static String json(Reading reading) {
        return new String(EventData.toJson(reading), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The living-room reading sampled at {@code time}. */
    public static String atTime(String time) {
        return with(DHT11_LIVINGROOM, "time", '"' + time + '"');
    }

    /** {@code reading}'s JSON with {@code field} set to the raw JSON text {@code raw}, or removed when {@code null}. */
    public static String with(Reading reading, String field, String raw) {
        return with(json(reading), field, raw);
    }

    public static String with(String json, String field, String raw) {
        try {
            ObjectNode node = (ObjectNode) EventData.mapper().readTree(json);
            if (raw == null) {
                node.remove(field);
                return EventData.mapper().writeValueAsString(node);
            }
            // Raw text, because NaN tokens and 400-digit numbers must reach the parser as written.
            node.put(field, "@RAW@");
            return EventData.mapper().writeValueAsString(node).replace("\"@RAW@\"", raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private Payloads() {
    }
}
