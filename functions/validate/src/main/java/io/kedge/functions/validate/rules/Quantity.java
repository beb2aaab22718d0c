package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;
import java.util.function.Function;

/**
 * The physical quantities a reading can carry, with their field name and the unit Kedge keeps
 * them in. Temperature may arrive in another unit ({@link TemperatureUnit}); {@link #of} converts.
 */
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

    /** The unit Kedge keeps this quantity in. */
    public String unit() {
        return unit;
    }

    /** This quantity's value in {@code reading} as sent, or {@code null} when absent. */
    public Double sent(Reading reading) {
        return value.apply(reading);
    }

    /** The symbol of the unit the value was sent in, e.g. {@code °F}. */
    public String sentUnit(Reading reading) {
        if (this != TEMPERATURE) {
            return unit;
        }
        return TemperatureUnit.of(reading.temperatureUnit()).map(TemperatureUnit::symbol).orElse(reading.temperatureUnit());
    }

    /**
     * This quantity's value in {@code reading} in Kedge's unit, or {@code null} when absent or
     * sent in an unknown unit (which {@link KnownUnits} reports).
     */
    public Double of(Reading reading) {
        Double sent = sent(reading);
        if (sent == null || this != TEMPERATURE) {
            return sent;
        }
        return TemperatureUnit.of(reading.temperatureUnit()).map(unit -> unit.toCelsius(sent)).orElse(null);
    }
}
