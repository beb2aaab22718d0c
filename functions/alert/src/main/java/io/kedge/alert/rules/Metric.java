package io.kedge.alert.rules;

import io.kedge.contract.data.ValidatedReading;
import java.util.Locale;
import java.util.function.Function;

/** A measurement of a validated reading that rules watch, in the reading's normalised unit. */
public enum Metric {
    TEMPERATURE(ValidatedReading::temperature),
    HUMIDITY(ValidatedReading::humidity),
    PRESSURE(ValidatedReading::pressure);

    private final Function<ValidatedReading, Double> accessor;

    Metric(Function<ValidatedReading, Double> accessor) {
        this.accessor = accessor;
    }

    /** The reading's value of this metric, or {@code null} when the sensor does not measure it. */
    public Double of(ValidatedReading reading) {
        return accessor.apply(reading);
    }

    /** The field name in readings and alerts: {@code temperature}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named {@code text}, or {@code null} when it names none. */
    public static Metric parse(String text) {
        for (Metric metric : values()) {
            if (metric.label().equals(text)) {
                return metric;
            }
        }
        return null;
    }
}
