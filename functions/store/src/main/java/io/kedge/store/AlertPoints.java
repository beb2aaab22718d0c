package io.kedge.store;

import com.influxdb.client.write.Point;
import io.kedge.contract.data.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an alert event to a point of measurement {@code alerts}, for Grafana annotations: tags
 * {@code rule}, {@code device}, {@code location}, {@code severity}, {@code metric} (all bounded);
 * fields {@code state} ({@code firing}/{@code resolved}), {@code value}, {@code threshold} and
 * {@code fingerprint} (a string field: an id is never a tag); timestamp {@code startsAt} when
 * fired, {@code endsAt} when resolved.
 *
 * <p>A replayed alert event lands on its own point again (same tags, same time), so storing it is
 * idempotent; the fired and the resolved point of one incident are two points.
 */
public final class AlertPoints {

    public static final String MEASUREMENT = "alerts";
    public static final String RULE_TAG = "rule";
    public static final String DEVICE_TAG = "device";
    public static final String LOCATION_TAG = "location";
    public static final String SEVERITY_TAG = "severity";
    public static final String METRIC_TAG = "metric";
    public static final String STATE_FIELD = "state";
    public static final String VALUE_FIELD = "value";
    public static final String THRESHOLD_FIELD = "threshold";
    public static final String FINGERPRINT_FIELD = "fingerprint";

    private static final String KIND = "alert";

    /**
     * The point of {@code alert} in {@code state}.
     *
     * @throws InvalidDataException listing every field that prevents an exact point
     */
    public Point toPoint(Alert alert, AlertState state) {
        if (alert == null) {
            throw new InvalidDataException(KIND, "the event carries no data");
        }
        List<String> problems = new ArrayList<>();
        String rule = TagValues.check("rule", alert.rule(), true, problems);
        String device = TagValues.check("deviceId", alert.deviceId(), true, problems);
        String location = TagValues.check("location", alert.location(), false, problems);
        String severity = TagValues.check("severity", alert.severity(), true, problems);
        String metric = TagValues.check("metric", alert.metric(), false, problems);
        Instant at = TagValues.time(state.timeField(),
                state == AlertState.FIRING ? alert.startsAt() : alert.endsAt(), problems);
        TagValues.checkStorableTime(state.timeField(), at, problems);
        TagValues.checkFinite("value", alert.value(), problems);
        TagValues.checkFinite("threshold", alert.threshold(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidDataException(KIND, problems);
        }
        Point point = Point.measurement(MEASUREMENT)
                .addTag(RULE_TAG, rule)
                .addTag(DEVICE_TAG, device)
                .addTag(SEVERITY_TAG, severity)
                .addField(STATE_FIELD, state.value())
                .addField(VALUE_FIELD, alert.value())
                .addField(THRESHOLD_FIELD, alert.threshold())
                .addField(FINGERPRINT_FIELD, alert.fingerprint())
                .time(at.toEpochMilli(), ReadingPoints.PRECISION);
        if (location != null) {
            point.addTag(LOCATION_TAG, location);
        }
        if (metric != null) {
            point.addTag(METRIC_TAG, metric);
        }
        return point;
    }
}
