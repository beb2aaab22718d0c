package io.kedge.functions.validate.rules;

/** What to do with a reading from a sensor model that {@link SensorModels} does not know. */
public enum UnknownSensorPolicy {
    /** Accept it within the generic ranges, flagged {@code generic_ranges}. */
    GENERIC,
    /** Reject it with {@code unknown_sensor}. */
    REJECT
}
