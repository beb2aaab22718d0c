package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Violation;
import java.util.ArrayList;
import java.util.List;

/** Collects every violation of one reading, rather than stopping at the first. */
public final class Violations {

    /** Path of the whole data document, for problems that concern no single field. */
    public static final String ROOT = "$";

    // A value is quoted back to the sender; a megabyte of digits need not be.
    private static final int MAX_VALUE_LENGTH = 120;

    private final List<Violation> found = new ArrayList<>();

    /**
     * Records that {@code field} broke a rule.
     *
     * @param value the offending value as text, {@code null} when the field is missing
     */
    public void add(ViolationCode code, String field, String value, String message) {
        found.add(new Violation(code.code(), field, abbreviate(value), message));
    }

    /** Whether a violation about {@code field} was already recorded, so that later rules stay quiet about it. */
    public boolean concern(String field) {
        return found.stream().anyMatch(v -> v.field().equals(field));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** A number as JSON would write it: {@code 120}, not {@code 120.0}. */
    public static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code "value"} for messages, abbreviated like the value itself. */
    public static String quote(String value) {
        return value == null ? "null" : '"' + abbreviate(value) + '"';
    }

    private static String abbreviate(String value) {
        if (value == null || value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_VALUE_LENGTH) + "...";
    }
}
