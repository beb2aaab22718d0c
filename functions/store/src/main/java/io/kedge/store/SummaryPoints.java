package io.kedge.store;

import com.influxdb.client.write.Point;
import io.kedge.contract.data.Summary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps a summary to its point in the downsampled measurement ({@code rpi_dht11_1m}): tags
 * {@code device} and {@code location}, fields {@code <metric>_count} (integer), {@code _min},
 * {@code _max}, {@code _mean}, {@code _last} (floats), timestamp the window's start.
 *
 * <p>One point per device and window, with each metric's fields beside the others', rather than
 * a {@code metric} tag and fields {@code mean}, {@code min}, ...: the layout of a continuous query
 * that downsamples {@code rpi_dht11} ({@code SELECT mean(temperature) AS temperature_mean ...}),
 * so that a long-range panel is the raw panel's query with {@code "temperature_mean"} for
 * {@code "temperature"} and the same {@code GROUP BY}, and never needs a {@code metric} filter.
 * The summaries of one window arrive one metric at a time; InfluxDB merges the fields of points
 * with the same series and timestamp, so they end up in one point, and a replayed summary
 * overwrites exactly its own metric's fields (idempotent).
 */
public final class SummaryPoints {

    public static final String DEVICE_TAG = "device";
    public static final String LOCATION_TAG = "location";
    public static final String COUNT = "count";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String MEAN = "mean";
    public static final String LAST = "last";

    private static final String KIND = "summary";
    // A metric becomes part of field keys: plain lower-case names only (temperature, humidity, pressure, co2, ...).
    private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String measurement;

    public SummaryPoints(String measurement) {
        this.measurement = measurement;
    }

    /** The field key of {@code statistic} ({@link #MEAN}, ...) of {@code metric}: {@code temperature_mean}. */
    public static String field(String metric, String statistic) {
        return metric + "_" + statistic;
    }

    /**
     * The point of {@code summary}.
     *
     * @throws InvalidDataException listing every member that prevents an exact point
     */
    public Point toPoint(Summary summary) {
        if (summary == null) {
            throw new InvalidDataException(KIND, "the event carries no data");
        }
        List<String> problems = new ArrayList<>();
        String device = TagValues.check("deviceId", summary.deviceId(), true, problems);
        String location = TagValues.check("location", summary.location(), false, problems);
        String metric = summary.metric();
        if (metric == null || metric.isEmpty()) {
            problems.add("missing required field 'metric'");
        } else if (!METRIC.matcher(metric).matches()) {
            problems.add("'metric' must be a lower-case name of letters, digits and '_' (at most 64), got "
                    + TagValues.quote(metric));
        }
        Instant start = TagValues.time("windowStart", summary.windowStart(), problems);
        TagValues.checkStorableTime("windowStart", start, problems);
        if (summary.count() < 1) {
            problems.add("'count' must be at least 1, got " + summary.count());
        }
        TagValues.checkFinite("min", summary.min(), problems);
        TagValues.checkFinite("max", summary.max(), problems);
        TagValues.checkFinite("mean", summary.mean(), problems);
        TagValues.checkFinite("last", summary.last(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidDataException(KIND, problems);
        }
        Point point = Point.measurement(measurement)
                .addTag(DEVICE_TAG, device)
                .addField(field(metric, COUNT), (long) summary.count())
                .addField(field(metric, MIN), summary.min())
                .addField(field(metric, MAX), summary.max())
                .addField(field(metric, MEAN), summary.mean())
                .addField(field(metric, LAST), summary.last())
                .time(start.toEpochMilli(), ReadingPoints.PRECISION);
        if (location != null) {
            point.addTag(LOCATION_TAG, location);
        }
        return point;
    }
}
