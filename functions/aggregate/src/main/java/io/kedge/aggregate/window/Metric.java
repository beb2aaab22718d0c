package io.kedge.aggregate.window;

import io.kedge.contract.data.ValidatedReading;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The measurements a validated reading may carry, each summarised on its own. */
public enum Metric {
    TEMPERATURE("temperature", ValidatedReading::temperature),
    HUMIDITY("humidity", ValidatedReading::humidity),
    PRESSURE("pressure", ValidatedReading::pressure);

    private final String label;
    private final Function<ValidatedReading, Double> value;

    Metric(String label, Function<ValidatedReading, Double> value) {
        this.label = label;
        this.value = value;
    }

    /** The name in events and in InfluxDB: {@code temperature}, {@code humidity}, {@code pressure}. */
    public String label() {
        return label;
    }

    /** The metric named {@code label}, or {@code null}. */
    public static Metric parse(String label) {
        for (Metric metric : values()) {
            if (metric.label.equals(label)) {
                return metric;
            }
        }
        return null;
    }

    /** The reading's finite values; a sensor that does not measure a metric leaves it out. */
    public static Map<Metric, Double> valuesOf(ValidatedReading reading) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric metric : values()) {
            Double v = metric.value.apply(reading);
            if (v != null && Double.isFinite(v)) {
                values.put(metric, v);
            }
        }
        return values;
    }
}
