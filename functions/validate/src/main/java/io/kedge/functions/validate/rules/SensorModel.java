package io.kedge.functions.validate.rules;

import java.util.Map;
import java.util.OptionalInt;

/**
 * What a sensor model can physically report.
 *
 * @param name     canonical model name, e.g. {@code dht22}
 * @param ranges   plausible range of each quantity the model measures; quantities it lacks are absent
 * @param decimals resolution as decimal places (1 = 0.1), empty when values are not rounded
 */
public record SensorModel(String name, Map<Quantity, Range> ranges, OptionalInt decimals) {

    public SensorModel {
        ranges = Map.copyOf(ranges);
    }
}
