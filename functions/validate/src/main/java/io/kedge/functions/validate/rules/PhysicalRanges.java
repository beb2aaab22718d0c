package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;
import java.util.Optional;

/** Each measurement must lie in the physical range of the sensor model that took it. */
final class PhysicalRanges implements ReadingRule {

    private final UnknownSensorPolicy unknownSensor;

    PhysicalRanges(UnknownSensorPolicy unknownSensor) {
        this.unknownSensor = unknownSensor;
    }

    @Override
    public void check(Reading reading, Violations violations) {
        boolean named = reading.sensor() != null && !reading.sensor().isBlank();
        Optional<SensorModel> known = SensorModels.find(reading.sensor());
        if (named && known.isEmpty() && unknownSensor == UnknownSensorPolicy.REJECT) {
            violations.add(ViolationCode.UNKNOWN_SENSOR, "sensor", reading.sensor(),
                    "unknown sensor model " + Violations.quote(reading.sensor()) + "; known: " + SensorModels.names());
        }
        // Without a usable model name the generic ranges still catch absurd values, so that the
        // sender learns about every problem in one reply.
        SensorModel model = known.orElse(SensorModels.GENERIC);
        for (Quantity quantity : Quantity.values()) {
            Double value = quantity.of(reading);
            if (value != null) {
                checkOne(model, quantity, value, violations);
            }
        }
    }

    private static void checkOne(SensorModel model, Quantity quantity, double value, Violations violations) {
        String text = Violations.number(value);
        Range range = model.ranges().get(quantity);
        if (range == null) {
            violations.add(ViolationCode.NOT_MEASURED, quantity.field(), text,
                    model.name() + " does not measure " + quantity.field() + ", got " + Violations.quote(text));
        } else if (!range.contains(value)) {
            violations.add(ViolationCode.OUT_OF_RANGE, quantity.field(), text,
                    quantity.field() + " " + Violations.quote(text) + " " + quantity.unit() + " is outside the "
                            + model.name() + " range " + range + " " + quantity.unit());
        }
    }
}
