package io.kedge.store;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.kedge.contract.data.ValidatedReading;
import java.time.Instant;
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

    /** Precision of every point Kedge writes, readings and alerts alike: one write carries both. */
    public static final WritePrecision PRECISION = WritePrecision.MS;
    public static final String DEVICE_TAG = "device";
    public static final String LOCATION_TAG = "location";
    public static final String TEMPERATURE_FIELD = "temperature";
    public static final String HUMIDITY_FIELD = "humidity";
    public static final String PRESSURE_FIELD = "pressure";

    private static final String KIND = "reading";

    private final String measurement;

    public ReadingPoints(String measurement) {
        this.measurement = measurement;
    }

    /**
     * The point of {@code reading}.
     *
     * @throws InvalidDataException listing every field that prevents an exact point
     */
    public Point toPoint(ValidatedReading reading) {
        if (reading == null) {
            throw new InvalidDataException(KIND, "the event carries no data");
        }
        List<String> problems = new ArrayList<>();
        String device = TagValues.check("deviceId", reading.deviceId(), true, problems);
        String location = TagValues.check("location", reading.location(), false, problems);
        Instant sampled = TagValues.time("time", reading.time(), problems);
        TagValues.checkStorableTime("time", sampled, problems);
        TagValues.checkFinite("temperature", reading.temperature(), problems);
        TagValues.checkFinite("humidity", reading.humidity(), problems);
        TagValues.checkFinite("pressure", reading.pressure(), problems);
        if (reading.temperature() == null && reading.humidity() == null && reading.pressure() == null) {
            problems.add("no measured value: temperature, humidity and pressure are all missing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataException(KIND, problems);
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
}
