package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;
import java.util.function.Function;

/** The physical quantities a reading can carry, with their field name and unit. */
public enum Quantity {
    TEMPERATURE("temperature", "°C", Reading::temperature),
    HUMIDITY("humidity", "%RH", Reading::humidity),
    PRESSURE("pressure", "hPa", Reading::pressure);

    private final String field;
    private final String unit;
    private final Function<Reading, Double> value;

    Quantity(String field, String unit, Function<Reading, Double> value) {
        this.field = field;
        this.unit = unit;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String unit() {
        return unit;
    }

    /** This quantity's value in {@code reading}, or {@code null} when absent. */
    public Double of(Reading reading) {
        return value.apply(reading);
    }
}
