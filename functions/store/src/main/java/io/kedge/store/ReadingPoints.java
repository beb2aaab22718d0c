package io.kedge.store;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.kedge.contract.data.ValidatedReading;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a validated reading to the reference deployment's point: tags {@code device} and
 * {@code location}, float fields {@code temperature}, {@code humidity} and (when measured)
 * {@code pressure}, timestamp the sample time.
 *
 * <p>Millisecond precision: the timestamp is a pure function of the sample time, so a re-sent
 * reading lands on the same point and overwrites it, while two samples of one device within the
 * same second (a fast BME280, a burst after a reconnect) stay two points; seconds would merge them.
 */
public final class ReadingPoints {

    public static final WritePrecision PRECISION = WritePrecision.MS;
    public static final String DEVICE_TAG = "device";
    public static final String LOCATION_TAG = "location";
    public static final String TEMPERATURE_FIELD = "temperature";
    public static final String HUMIDITY_FIELD = "humidity";
    public static final String PRESSURE_FIELD = "pressure";

    private final String measurement;

    public ReadingPoints(String measurement) {
        this.measurement = measurement;
    }

    /**
     * The point of {@code reading}.
     *
     * @throws InvalidReadingException listing every field that prevents an exact point
     */
    public Point toPoint(ValidatedReading reading) {
        if (reading == null) {
            throw new InvalidReadingException("the event carries no data");
        }
        List<String> problems = new ArrayList<>();
        String device = tagValue("deviceId", reading.deviceId(), true, problems);
        String location = tagValue("location", reading.location(), false, problems);
        Instant sampled = sampleTime(reading.time(), problems);
        checkValue("temperature", reading.temperature(), problems);
        checkValue("humidity", reading.humidity(), problems);
        checkValue("pressure", reading.pressure(), problems);
        if (reading.temperature() == null && reading.humidity() == null && reading.pressure() == null) {
            problems.add("no measured value: temperature, humidity and pressure are all missing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReadingException(problems);
        }
        // Boxed Doubles: Point writes them as floats ("21.0"), never as integers ("21i"), so an
        // integral DHT11 value cannot cause a field type conflict with later decimals.
        Point point = Point.measurement(measurement)
                .addTag(DEVICE_TAG, device)
                .addField(TEMPERATURE_FIELD, reading.temperature())
                .addField(HUMIDITY_FIELD, reading.humidity())
                .addField(PRESSURE_FIELD, reading.pressure())
                .time(sampled.toEpochMilli(), PRECISION);
        if (location != null) {
            point.addTag(LOCATION_TAG, location);
        }
        return point;
    }

    /**
     * The value as it must be stored, or {@code null} when absent. InfluxDB 1.x line protocol has
     * no way to carry a line break in a tag value, the client writes tabs and carriage returns as
     * two-character escapes that InfluxDB keeps literally, and a trailing backslash would escape
     * the separator after it: such values are refused rather than stored altered.
     */
    private static String tagValue(String field, String value, boolean required, List<String> problems) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add("missing required field '" + field + "'");
            }
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                problems.add("'" + field + "' contains a " + controlName(c) + " (" + quote(value)
                        + "), which an InfluxDB tag value cannot store unaltered");
                return null;
            }
        }
        if (value.endsWith("\\")) {
            problems.add("'" + field + "' ends with a backslash (" + quote(value)
                    + "), which InfluxDB line protocol cannot delimit in a tag value");
            return null;
        }
        return value;
    }

    private static Instant sampleTime(String time, List<String> problems) {
        if (time == null || time.isEmpty()) {
            problems.add("missing required field 'time'");
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("'time' is not an RFC 3339 timestamp with zone offset: " + quote(time));
            return null;
        }
    }

    private static void checkValue(String field, Double value, List<String> problems) {
        if (value != null && !Double.isFinite(value)) {
            problems.add("'" + field + "' is not a finite number: " + value);
        }
    }

    private static String controlName(char c) {
        return switch (c) {
            case '\n' -> "line feed";
            case '\r' -> "carriage return";
            default -> "tab";
        };
    }

    private static String quote(String value) {
        return '"' + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
    }
}
