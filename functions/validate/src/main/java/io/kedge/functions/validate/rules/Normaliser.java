package io.kedge.functions.validate.rules;

import io.kedge.contract.Rfc3339;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.ValidatedReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Turns a reading that passed every rule into its normalised form (°C, %RH, hPa), with quality flags. */
final class Normaliser {

    /** Some value was rounded to the sensor model's resolution. */
    static final String ROUNDED = "rounded";
    /** The sensor model is unknown; only the generic ranges were checked. */
    static final String GENERIC_RANGES = "generic_ranges";

    static ValidatedReading normalise(Reading reading) {
        Optional<SensorModel> known = SensorModels.find(reading.sensor());
        OptionalInt decimals = known.map(SensorModel::decimals).orElse(OptionalInt.empty());
        List<String> quality = new ArrayList<>();
        if (known.isEmpty()) {
            quality.add(GENERIC_RANGES);
        }
        // every rule passed, so a temperature unit, when given, is a known one
        TemperatureUnit.of(reading.temperatureUnit()).flatMap(TemperatureUnit::qualityFlag).ifPresent(quality::add);
        Double celsius = Quantity.TEMPERATURE.of(reading);
        Double temperature = round(celsius, decimals);
        Double humidity = round(reading.humidity(), decimals);
        Double pressure = round(reading.pressure(), decimals);
        if (changed(celsius, temperature) || changed(reading.humidity(), humidity)
                || changed(reading.pressure(), pressure)) {
            quality.add(ROUNDED);
        }
        return new ValidatedReading(
                reading.deviceId(),
                reading.location(),
                SensorModels.canonical(reading.sensor()),
                temperature,
                humidity,
                pressure,
                Rfc3339.format(Rfc3339.parse(reading.time()).toInstant()),
                quality);
    }

    private static Double round(Double value, OptionalInt decimals) {
        if (value == null || decimals.isEmpty()) {
            return value;
        }
        // valueOf goes through the shortest decimal text of the double, so 21.05 rounds to 21.1
        // rather than to the 21.0 its binary approximation (21.04999...) would give.
        return BigDecimal.valueOf(value).setScale(decimals.getAsInt(), RoundingMode.HALF_UP).doubleValue();
    }

    private static boolean changed(Double before, Double after) {
        return before != null && before.doubleValue() != after.doubleValue();
    }

    private Normaliser() {
    }
}
