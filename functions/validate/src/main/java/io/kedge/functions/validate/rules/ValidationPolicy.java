package io.kedge.functions.validate.rules;

import java.time.Duration;

/**
 * The tunable limits of validation.
 *
 * @param maxAge        oldest sample time accepted, back from now
 * @param maxClockSkew  how far a sample time may lie ahead of now (device clocks drift)
 * @param unknownSensor what to do with unknown sensor models
 * @param generic       the ranges an unknown model's values must lie in under policy {@code generic}
 */
public record ValidationPolicy(Duration maxAge, Duration maxClockSkew, UnknownSensorPolicy unknownSensor,
                               SensorModel generic) {

    /** 24 hours, 5 minutes, generic ranges: the documented defaults. */
    public static final ValidationPolicy DEFAULTS =
            new ValidationPolicy(Duration.ofHours(24), Duration.ofMinutes(5), UnknownSensorPolicy.GENERIC);

    public ValidationPolicy {
        if (maxAge.isNegative() || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("max age " + maxAge + " and max clock skew " + maxClockSkew
                    + " must not be negative");
        }
    }

    /** With the default generic ranges ({@link SensorModels#GENERIC}). */
    public ValidationPolicy(Duration maxAge, Duration maxClockSkew, UnknownSensorPolicy unknownSensor) {
        this(maxAge, maxClockSkew, unknownSensor, SensorModels.GENERIC);
    }
}
