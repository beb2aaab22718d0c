package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;

/** A temperature unit, when given, must be one Kedge can convert to °C. */
final class KnownUnits implements ReadingRule {

    static final String FIELD = "temperatureUnit";

    @Override
    public void check(Reading reading, Violations violations) {
        String unit = reading.temperatureUnit();
        if (violations.concern(FIELD) || TemperatureUnit.of(unit).isPresent()) {
            return;
        }
        violations.add(ViolationCode.UNKNOWN_UNIT, FIELD, unit,
                "temperatureUnit " + Violations.quote(unit) + " is not one of " + TemperatureUnit.codes()
                        + " (absent means C)");
    }
}
