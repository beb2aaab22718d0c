package io.kedge.functions.validate.rules;

import static io.kedge.functions.validate.rules.Quantity.HUMIDITY;
import static io.kedge.functions.validate.rules.Quantity.PRESSURE;
import static io.kedge.functions.validate.rules.Quantity.TEMPERATURE;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** The sensor models Kedge knows, with their datasheet ranges (data-devices-grafana.md §1.5). */
public final class SensorModels {

    /**
     * DHT11: 0–50 °C, 20–90 %RH. Classic parts report whole numbers; newer revisions send one
     * decimal, so values are kept at 0.1 rather than rounded to integers.
     */
    public static final SensorModel DHT11 = new SensorModel("dht11",
            Map.of(TEMPERATURE, new Range(0, 50), HUMIDITY, new Range(20, 90)), OptionalInt.of(1));
    /** DHT22 / AM2302: −40–80 °C, 0–100 %RH, 0.1 resolution. */
    public static final SensorModel DHT22 = new SensorModel("dht22",
            Map.of(TEMPERATURE, new Range(-40, 80), HUMIDITY, new Range(0, 100)), OptionalInt.of(1));
    /** BME280: −40–85 °C, 0–100 %RH, 300–1100 hPa, 0.01 resolution. */
    public static final SensorModel BME280 = new SensorModel("bme280",
            Map.of(TEMPERATURE, new Range(-40, 85), HUMIDITY, new Range(0, 100), PRESSURE, new Range(300, 1100)),
            OptionalInt.of(2));
    /**
     * Any other model, when the policy allows it: wide ranges that only catch the physically absurd
     * (−40–125 °C covers common digital sensors; 300–1100 hPa is the barometric span of BMP/BME
     * parts). Values are not rounded since the resolution is unknown.
     */
    public static final SensorModel GENERIC = new SensorModel("generic",
            Map.of(TEMPERATURE, new Range(-40, 125), HUMIDITY, new Range(0, 100), PRESSURE, new Range(300, 1100)),
            OptionalInt.empty());

    /** Generic ranges other than the default ones, e.g. from configuration. */
    public static SensorModel generic(Range temperature, Range humidity, Range pressure) {
        return new SensorModel("generic", Map.of(TEMPERATURE, temperature, HUMIDITY, humidity, PRESSURE, pressure),
                OptionalInt.empty());
    }

    private static final Map<String, SensorModel> BY_NAME = Map.of(
            "dht11", DHT11,
            "dht22", DHT22,
            "am2302", DHT22,
            "bme280", BME280);

    /** The known model called {@code sensor} (case and surrounding blanks ignored). */
    public static Optional<SensorModel> find(String sensor) {
        return sensor == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(canonical(sensor)));
    }

    /** The model name as readings carry it after normalisation: trimmed, lower case. */
    public static String canonical(String sensor) {
        return sensor.strip().toLowerCase(Locale.ROOT);
    }

    /** Every accepted model name, sorted, for messages. */
    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    private SensorModels() {
    }
}
