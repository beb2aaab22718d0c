package io.kedge.store;

import io.kedge.contract.Rfc3339;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Checks of values before they become part of a point, shared by the mappers ({@link ReadingPoints},
 * {@link AlertPoints}, {@link RejectedPoints}, {@link SummaryPoints}): a value that InfluxDB could
 * not store exactly is refused with a problem naming the field, never stored altered.
 */
final class TagValues {

    // InfluxDB's MinNanoTime and MaxNanoTime, rounded inwards to whole milliseconds
    private static final Instant EARLIEST = Instant.ofEpochMilli(-9_223_372_036_854L);
    private static final Instant AFTER_LATEST = Instant.ofEpochMilli(9_223_372_036_855L);

    /**
     * The tag value as it must be stored, or {@code null} when absent or refused (then a problem
     * is added). InfluxDB 1.x line protocol has no way to carry a line break in a tag value, the
     * client writes tabs and carriage returns as two-character escapes that InfluxDB keeps
     * literally, and a trailing backslash would escape the separator after it.
     */
    static String check(String field, String value, boolean required, List<String> problems) {
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

    /** The instant of an RFC 3339 time with zone offset, or {@code null} with a problem added. */
    static Instant time(String field, String time, List<String> problems) {
        if (time == null || time.isEmpty()) {
            problems.add("missing required field '" + field + "'");
            return null;
        }
        try {
            return Rfc3339.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("'" + field + "' is not an RFC 3339 timestamp with zone offset: " + quote(time));
            return null;
        }
    }

    /**
     * Whether {@code at} (may be {@code null}: then nothing to check) is a millisecond timestamp
     * InfluxDB can store: it keeps nanoseconds since the epoch in a signed 64-bit integer, years
     * 1677 to 2262, and refuses a whole write with a point outside them.
     */
    static void checkStorableTime(String field, Instant at, List<String> problems) {
        if (at != null && (at.isBefore(EARLIEST) || !at.isBefore(AFTER_LATEST))) {
            problems.add("'" + field + "' lies outside the years InfluxDB can store (1677-09-21 to 2262-04-11): " + at);
        }
    }

    /** Line protocol has no NaN or infinity: such a value would make the whole line unparsable. */
    static void checkFinite(String field, Double value, List<String> problems) {
        if (value != null && !Double.isFinite(value)) {
            problems.add("'" + field + "' is not a finite number: " + value);
        }
    }

    static String quote(String value) {
        return '"' + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
    }

    private static String controlName(char c) {
        return switch (c) {
            case '\n' -> "line feed";
            case '\r' -> "carriage return";
            default -> "tab";
        };
    }

    private TagValues() {
    }
}
