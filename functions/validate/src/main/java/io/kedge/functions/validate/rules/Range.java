package io.kedge.functions.validate.rules;

/** A closed interval of plausible values. */
public record Range(double min, double max) {

    public Range {
        if (min > max) {
            throw new IllegalArgumentException("range minimum " + min + " exceeds maximum " + max);
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return "[" + Violations.number(min) + ", " + Violations.number(max) + "]";
    }
}
