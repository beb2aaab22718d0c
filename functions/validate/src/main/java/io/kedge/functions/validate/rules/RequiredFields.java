package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;
import java.util.Arrays;

/** deviceId, sensor and time must be present and not blank, and at least one measurement. */
final class RequiredFields implements ReadingRule {

    @Override
    public void check(Reading reading, Violations violations) {
        require("deviceId", reading.deviceId(), violations);
        require("sensor", reading.sensor(), violations);
        require("time", reading.time(), violations);
        boolean anyMeasurement = Arrays.stream(Quantity.values())
                .anyMatch(q -> q.sent(reading) != null || violations.concern(q.field()));
        if (!anyMeasurement) {
            violations.add(ViolationCode.NO_MEASUREMENT, Violations.ROOT, null,
                    "a reading needs at least one of temperature, humidity, pressure");
        }
    }

    private static void require(String field, String value, Violations violations) {
        if (violations.concern(field)) {
            return;
        }
        if (value == null) {
            violations.add(ViolationCode.MISSING_FIELD, field, null, field + " is required");
        } else if (value.isBlank()) {
            violations.add(ViolationCode.MISSING_FIELD, field, value,
                    field + " must not be blank, got " + Violations.quote(value));
        }
    }
}
