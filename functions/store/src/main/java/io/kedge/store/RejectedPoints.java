package io.kedge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.write.Point;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a rejected reading to one point of measurement {@code rejected_readings}, for the
 * dashboard's "Rejected readings per minute": tags {@code device}, {@code location} (when the
 * original names a usable one) and {@code code}; fields {@code count} (1), {@code violations}
 * (how many), {@code codes} (every distinct code, comma-separated) and {@code messages};
 * timestamp the event's time.
 *
 * <p>One point per rejected reading, tagged with the <em>first</em> violation's code, rather than
 * one point per code: summed over codes the panel then counts readings, not violations, and the
 * first code is the most basic cause (validate reports presence first, then units and values,
 * then time). The other codes stay in the {@code codes} field.
 *
 * <p>The original is whatever a device sent, any JSON: a deviceId or location that is missing,
 * not text, blank, longer than {@value #MAX_TAG_LENGTH} characters or not storable exactly in a
 * tag (a line break, a trailing backslash) never refuses the point; the device becomes
 * {@value #UNKNOWN} and the location is left out. Only what the broker cannot have produced —
 * no violations, no time — is refused (400).
 *
 * <p>The timestamp is a pure function of the event, so a redelivered or replayed rejection
 * overwrites its own point. Two <em>different</em> rejections with the same device, location,
 * code and millisecond are one point (as two readings of one device in one millisecond are).
 */
public final class RejectedPoints {

    public static final String MEASUREMENT = "rejected_readings";
    public static final String DEVICE_TAG = "device";
    public static final String LOCATION_TAG = "location";
    public static final String CODE_TAG = "code";
    public static final String COUNT_FIELD = "count";
    public static final String VIOLATIONS_FIELD = "violations";
    public static final String CODES_FIELD = "codes";
    public static final String MESSAGES_FIELD = "messages";
    /** The device (and code) of a rejection whose original names none that can be a tag. */
    public static final String UNKNOWN = "unknown";
    /** Longest deviceId, location or code used as a tag: longer ones are no id but a payload. */
    public static final int MAX_TAG_LENGTH = 256;
    /** Longest {@code messages} field; beyond, it is cut and ends with an ellipsis. */
    public static final int MAX_MESSAGES_LENGTH = 4096;

    private static final String KIND = "rejected reading";

    /**
     * The point of {@code rejected}, stamped {@code at}.
     *
     * @param at the event's time; {@code null} when it carries none
     * @throws InvalidDataException when there are no violations or no time
     */
    public Point toPoint(RejectedReading rejected, Instant at) {
        if (rejected == null) {
            throw new InvalidDataException(KIND, "the event carries no data");
        }
        List<String> problems = new ArrayList<>();
        List<Violation> violations = rejected.violations();
        if (violations.isEmpty()) {
            problems.add("'violations' is empty: a rejected reading names at least one broken rule");
        }
        if (at == null) {
            problems.add("the event has no time: a rejected reading is stored at its event's time (ce-time),"
                    + " so that a replay overwrites it");
        }
        TagValues.checkStorableTime("time", at, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDataException(KIND, problems);
        }
        JsonNode original = rejected.original();
        String device = usable(original == null ? null : original.get("deviceId"));
        String location = usable(original == null ? null : original.get("location"));
        Set<String> codes = new LinkedHashSet<>();
        List<String> messages = new ArrayList<>();
        for (Violation violation : violations) {
            String code = usable(violation.code());
            if (code != null) {
                codes.add(code);
            }
            if (violation.message() != null && !violation.message().isBlank()) {
                messages.add(violation.message());
            }
        }
        Point point = Point.measurement(MEASUREMENT)
                .addTag(DEVICE_TAG, device == null ? UNKNOWN : device)
                .addTag(CODE_TAG, codes.isEmpty() ? UNKNOWN : codes.iterator().next())
                .addField(COUNT_FIELD, 1L)
                .addField(VIOLATIONS_FIELD, (long) violations.size())
                .addField(CODES_FIELD, String.join(",", codes))
                .addField(MESSAGES_FIELD, cut(String.join("; ", messages)))
                .time(at.toEpochMilli(), ReadingPoints.PRECISION);
        if (location != null) {
            point.addTag(LOCATION_TAG, location);
        }
        return point;
    }

    private static String usable(JsonNode value) {
        return value != null && value.isTextual() ? usable(value.textValue()) : null;
    }

    /** {@code value} when it can be a tag exactly as it is, else {@code null}. */
    private static String usable(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TAG_LENGTH) {
            return null;
        }
        List<String> unstorable = new ArrayList<>();
        String tag = TagValues.check("tag", value, false, unstorable);
        return unstorable.isEmpty() ? tag : null;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_MESSAGES_LENGTH) {
            return text;
        }
        int end = MAX_MESSAGES_LENGTH - 1;
        // never split a surrogate pair: half an emoji is no valid UTF-8
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
