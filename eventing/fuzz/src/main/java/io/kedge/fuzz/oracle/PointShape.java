package io.kedge.fuzz.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The point the store function must write for an event's data, by the contract (records
 * {@code ValidatedReading} and {@code Alert}, JSON Schema, store's README): which tags, fields and
 * time; or why the data is no valid input, in which case nothing may be stored.
 *
 * <p>Stricter than a lenient JSON binding on purpose: a number sent as text, a device id sent as a
 * number, a tag with a line break are not the contract's data, whatever a mapper can make of them.
 */
public record PointShape(Map<String, String> tags, long millis, Map<String, Object> fields, String problem) {

    public static final List<String> READING_TAGS = List.of("device", "location");
    public static final List<String> ALERT_TAGS = List.of("rule", "device", "location", "severity", "metric");
    private static final List<String> READING_MEMBERS = List.of("deviceId", "location", "temperature", "humidity", "pressure", "time");
    private static final List<String> ALERT_MEMBERS = List.of("rule", "severity", "deviceId", "location", "metric", "value",
            "threshold", "startsAt", "endsAt", "fingerprint");

    /**
     * Members whose names differ from a contract member's only in case ({@code DeviceId},
     * {@code TEMPERATURE}): a case-sensitive reader ignores them, a case-insensitive one may take them.
     */
    public static List<String> caseVariants(JsonNode data, boolean alert) {
        List<String> variants = new java.util.ArrayList<>();
        if (data == null || !data.isObject()) {
            return variants;
        }
        List<String> members = alert ? ALERT_MEMBERS : READING_MEMBERS;
        data.fieldNames().forEachRemaining(name -> {
            if (!members.contains(name) && members.stream().anyMatch(name::equalsIgnoreCase)) {
                variants.add(name);
            }
        });
        return variants;
    }

    public boolean valid() {
        return problem == null;
    }

    static PointShape invalid(String problem) {
        return new PointShape(Map.of(), 0, Map.of(), problem);
    }

    /** The point of an {@code io.kedge.reading.validated.v1} event's data. */
    public static PointShape reading(JsonNode data) {
        if (data == null || !data.isObject()) {
            return invalid("data is no JSON object");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String problem = tag(data, "deviceId", true, "device", tags);
        problem = problem != null ? problem : tag(data, "location", false, "location", tags);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("temperature", "humidity", "pressure")) {
            problem = problem != null ? problem : number(data, name, fields);
        }
        if (problem == null && fields.isEmpty()) {
            problem = "no temperature, humidity or pressure";
        }
        Long millis = null;
        if (problem == null) {
            millis = time(data.get("time"));
            problem = millis == null ? "time " + data.get("time") + " is no RFC 3339 time with offset" : null;
        }
        return problem != null ? invalid(problem) : new PointShape(tags, millis, fields, null);
    }

    /** The point of an alert event's data; {@code resolved} takes its time from {@code endsAt}. */
    public static PointShape alert(JsonNode data, boolean resolved) {
        if (data == null || !data.isObject()) {
            return invalid("data is no JSON object");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String problem = tag(data, "rule", true, "rule", tags);
        problem = problem != null ? problem : tag(data, "deviceId", true, "device", tags);
        problem = problem != null ? problem : tag(data, "location", false, "location", tags);
        problem = problem != null ? problem : tag(data, "severity", true, "severity", tags);
        problem = problem != null ? problem : tag(data, "metric", false, "metric", tags);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", resolved ? "resolved" : "firing");
        problem = problem != null ? problem : number(data, "value", fields);
        problem = problem != null ? problem : number(data, "threshold", fields);
        JsonNode fingerprint = data.get("fingerprint");
        if (problem == null && fingerprint != null && !fingerprint.isNull()) {
            if (!fingerprint.isTextual()) {
                problem = "fingerprint is no string: " + fingerprint;
            } else {
                fields.put("fingerprint", fingerprint.textValue());
            }
        }
        String timeField = resolved ? "endsAt" : "startsAt";
        Long millis = null;
        if (problem == null) {
            millis = time(data.get(timeField));
            problem = millis == null ? timeField + " " + data.get(timeField) + " is no RFC 3339 time with offset" : null;
        }
        return problem != null ? invalid(problem) : new PointShape(tags, millis, fields, null);
    }

    /**
     * The time where a lenient reader would put the point of data the contract refuses (its time
     * field, if it is one); null when there is none. Used only to attribute such a point to its input.
     */
    public static Long lenientTime(JsonNode data, boolean alert, boolean resolved) {
        return data == null || !data.isObject() ? null : time(data.get(alert ? (resolved ? "endsAt" : "startsAt") : "time"));
    }

    /** A tag value: a non-empty string that InfluxDB stores exactly (no line break, tab or trailing backslash). */
    private static String tag(JsonNode data, String field, boolean required, String tag, Map<String, String> tags) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            return required ? "missing " + field : null;
        }
        if (!value.isTextual()) {
            return field + " is no string: " + value;
        }
        String text = value.textValue();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0 || text.endsWith("\\")) {
            return field + " cannot be an InfluxDB tag value exactly: " + value;
        }
        tags.put(tag, text);
        return null;
    }

    private static String number(JsonNode data, String field, Map<String, Object> fields) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            return field + " is no JSON number: " + value;
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            return field + " is not finite: " + value;
        }
        fields.put(field, number);
        return null;
    }

    private static Long time(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
