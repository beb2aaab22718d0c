package io.kedge.fuzz.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code validated} reply promises (validate's README): device and sensor named, a UTC
 * sample time within [now − 24 h, now + 5 min], every value a finite number inside its model's
 * range, no pressure from a DHT; and that it is the reading that was sent (same device, same
 * instant). Bounds get a minute of slack for the time between the answer and this check.
 */
public final class ValidatedShape {

    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration SLACK = Duration.ofMinutes(1);

    private record Range(double min, double max) {
    }

    private static final Map<String, Map<String, Range>> MODELS = Map.of(
            "dht11", Map.of("temperature", new Range(0, 50), "humidity", new Range(20, 90)),
            "dht22", Map.of("temperature", new Range(-40, 80), "humidity", new Range(0, 100)),
            "am2302", Map.of("temperature", new Range(-40, 80), "humidity", new Range(0, 100)),
            "bme280", Map.of("temperature", new Range(-40, 85), "humidity", new Range(0, 100), "pressure", new Range(300, 1100)));
    private static final Map<String, Range> GENERIC = Map.of("temperature", new Range(-40, 125), "humidity", new Range(0, 100),
            "pressure", new Range(300, 1100));

    /** Every broken promise of {@code reply}, given the {@code input} reading's data (may be null) at {@code now}. */
    public static List<String> problems(JsonNode reply, JsonNode input, Instant now) {
        List<String> problems = new ArrayList<>();
        if (reply == null || !reply.isObject()) {
            problems.add("validated data is no JSON object: " + reply);
            return problems;
        }
        String device = text(reply, "deviceId", problems);
        String sensor = text(reply, "sensor", problems);
        Instant time = utcTime(reply.get("time"), now, problems);
        Map<String, Range> ranges = sensor == null ? GENERIC : MODELS.getOrDefault(sensor, GENERIC);
        int values = 0;
        for (String quantity : List.of("temperature", "humidity", "pressure")) {
            JsonNode value = reply.get(quantity);
            if (value == null || value.isNull()) {
                continue;
            }
            values++;
            Range range = ranges.get(quantity);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                problems.add(quantity + " is no finite number: " + value);
            } else if (range == null) {
                problems.add(quantity + " " + value + " from a " + sensor + ", which does not measure it");
            } else if (value.doubleValue() < range.min() || value.doubleValue() > range.max()) {
                problems.add(quantity + " " + value + " outside the " + sensor + " range [" + range.min() + ", " + range.max() + "]");
            }
        }
        if (values == 0) {
            problems.add("no measurement");
        }
        if (!reply.path("quality").isArray()) {
            problems.add("quality is no array: " + reply.get("quality"));
        }
        if (input != null && input.isObject()) {
            if (device != null && !device.equals(input.path("deviceId").asText(null))) {
                problems.add("deviceId " + reply.get("deviceId") + " is not the one sent, " + input.get("deviceId"));
            }
            Instant sent = offsetTime(input.get("time"));
            if (sent == null) {
                problems.add("validated a reading whose time " + input.get("time") + " is no RFC 3339 time with offset");
            } else if (time != null && !sent.equals(time)) {
                problems.add("time " + time + " is not the instant sent, " + input.get("time"));
            }
        }
        return problems;
    }

    private static String text(JsonNode reply, String field, List<String> problems) {
        JsonNode value = reply.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            problems.add(field + " missing or blank: " + value);
            return null;
        }
        if (field.equals("sensor") && !value.textValue().equals(value.textValue().strip().toLowerCase(Locale.ROOT))) {
            problems.add("sensor " + value + " is not normalised (trimmed, lower case)");
        }
        return value.textValue();
    }

    private static Instant utcTime(JsonNode value, Instant now, List<String> problems) {
        Instant time = offsetTime(value);
        if (time == null || !value.textValue().endsWith("Z")) {
            problems.add("time " + value + " is no RFC 3339 time in UTC");
            return time;
        }
        if (time.isAfter(now.plus(MAX_SKEW).plus(SLACK)) || time.isBefore(now.minus(MAX_AGE).minus(SLACK))) {
            problems.add("time " + value + " outside [now - 24h, now + 5m] (now " + now + ")");
        }
        return time;
    }

    /** The instant of an RFC 3339 time with seconds and an offset; null for anything else. */
    static Instant offsetTime(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})")) {
            return null;
        }
        // RFC 3339 allows any number of fraction digits; java.time reads nine.
        String nine = text.toUpperCase(Locale.ROOT).replaceFirst("(\\.\\d{9})\\d+", "$1");
        try {
            return OffsetDateTime.parse(nine, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private ValidatedShape() {
    }
}
