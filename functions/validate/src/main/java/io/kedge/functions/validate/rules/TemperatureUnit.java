package io.kedge.functions.validate.rules;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The units a reading's {@code temperatureUnit} may name. Kedge stores °C; a gateway that reports
 * Fahrenheit or Kelvin says so, and validation converts.
 */
public enum TemperatureUnit {
    CELSIUS("C", "°C", null, celsius -> celsius),
    FAHRENHEIT("F", "°F", "converted_from_fahrenheit", fahrenheit -> (fahrenheit - 32) * 5 / 9),
    KELVIN("K", "K", "converted_from_kelvin", kelvin -> kelvin - 273.15);

    private final String code;
    private final String symbol;
    private final String qualityFlag;
    private final DoubleUnaryOperator toCelsius;

    TemperatureUnit(String code, String symbol, String qualityFlag, DoubleUnaryOperator toCelsius) {
        this.code = code;
        this.symbol = symbol;
        this.qualityFlag = qualityFlag;
        this.toCelsius = toCelsius;
    }

    /**
     * The unit {@code code} names: {@code C}, {@code F} or {@code K} exactly, as in the reading's
     * JSON Schema; absent means °C.
     */
    public static Optional<TemperatureUnit> of(String code) {
        if (code == null) {
            return Optional.of(CELSIUS);
        }
        return Arrays.stream(values()).filter(unit -> unit.code.equals(code)).findFirst();
    }

    /**
     * {@code value} in °C, to a millionth of a degree: the conversion's binary noise (77 °F is
     * 25.000000000000004 °C) must not decide a range check at the boundary.
     */
    public double toCelsius(double value) {
        return Math.round(toCelsius.applyAsDouble(value) * 1e6) / 1e6;
    }

    public String symbol() {
        return symbol;
    }

    /** The quality flag of a validated reading converted from this unit; none for °C. */
    public Optional<String> qualityFlag() {
        return Optional.ofNullable(qualityFlag);
    }

    /** Every accepted code, for messages. */
    public static String codes() {
        return "C, F, K";
    }
}
