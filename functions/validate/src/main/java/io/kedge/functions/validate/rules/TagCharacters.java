package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;

/**
 * deviceId and location become InfluxDB tags downstream (store) and name the alert state's series
 * (alert). A control character (line feed, carriage return, tab, NUL, DEL, ...) or a trailing
 * backslash cannot be stored there unaltered: InfluxDB 1.x line protocol has no escape for a line
 * break in a tag value, keeps the client's escapes of tabs literally, and reads a trailing
 * backslash as escaping the separator after it. Store refuses such a reading (400) and alert too
 * (422); a reading validate calls valid would be dead-lettered, so it is rejected here.
 */
final class TagCharacters implements ReadingRule {

    @Override
    public void check(Reading reading, Violations violations) {
        check("deviceId", reading.deviceId(), violations);
        check("location", reading.location(), violations);
    }

    private static void check(String field, String value, Violations violations) {
        if (value == null || violations.concern(field)) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                violations.add(ViolationCode.INVALID_CHARACTER, field, value, field + " " + Violations.quote(value)
                        + " contains " + describe(c) + ", which an InfluxDB tag cannot store unaltered");
                return;
            }
        }
        if (value.endsWith("\\")) {
            violations.add(ViolationCode.INVALID_CHARACTER, field, value, field + " " + Violations.quote(value)
                    + " ends with a backslash, which InfluxDB line protocol cannot delimit in a tag");
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n' -> "a line feed";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            default -> String.format("the control character U+%04X", (int) c);
        };
    }
}
