package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;
import java.util.Optional;

/**
 * Each measurement, converted to Kedge's unit, must lie in the physical range of the sensor model
 * that took it. A temperature in an unknown unit is left to {@link KnownUnits}.
 */
final class PhysicalRanges implements ReadingRule {

    private final UnknownSensorPolicy unknownSensor;
    private final SensorModel generic;

    /** @param generic the ranges for models {@link SensorModels} does not know */
    PhysicalRanges(UnknownSensorPolicy unknownSensor, SensorModel generic) {
        this.unknownSensor = unknownSensor;
        this.generic = generic;
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
        SensorModel model = known.orElse(generic);
        for (Quantity quantity : Quantity.values()) {
            Double value = quantity.of(reading);
            if (value != null) {
                checkOne(model, quantity, reading, value, violations);
            }
        }
    }

    /** {@code value} is in Kedge's unit; messages quote the value as sent, and its conversion. */
    private static void checkOne(SensorModel model, Quantity quantity, Reading reading, double value, Violations violations) {
        Range range = model.ranges().get(quantity);
        if (range != null && range.contains(value)) {
            return; // the common case: no message to build
        }
        String sent = Violations.number(quantity.sent(reading));
        if (range == null) {
            violations.add(ViolationCode.NOT_MEASURED, quantity.field(), sent,
                    model.name() + " does not measure " + quantity.field() + ", got " + Violations.quote(sent));
            return;
        }
        String sentUnit = quantity.sentUnit(reading);
        String described = Violations.quote(sent) + " " + sentUnit
                + (sentUnit.equals(quantity.unit()) ? "" : " (" + Violations.number(round(value)) + " " + quantity.unit() + ")");
        violations.add(ViolationCode.OUT_OF_RANGE, quantity.field(), sent,
                quantity.field() + " " + described + " is outside the " + model.name() + " range " + range + " "
                        + quantity.unit());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
