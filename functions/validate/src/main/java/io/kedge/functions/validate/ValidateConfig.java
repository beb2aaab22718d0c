package io.kedge.functions.validate;

import io.kedge.functions.validate.rules.UnknownSensorPolicy;
import io.kedge.functions.validate.rules.ValidationPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits of validation, keys {@code kedge.validate.*}, each overridable by its environment
 * variable ({@code KEDGE_VALIDATE_MAX_AGE}, ...). Durations take ISO-8601 ({@code PT24H}) or
 * Quarkus' short form ({@code 24h}, {@code 5m}, {@code 30s}).
 */
@ConfigMapping(prefix = "kedge.validate")
public interface ValidateConfig {

    /** Oldest sample time accepted, measured back from now. Default {@code 24h}. */
    @WithDefault("24h")
    Duration maxAge();

    /** How far a sample time may lie ahead of now, for device clocks that run fast. Default {@code 5m}. */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** {@code generic} (accept within generic ranges, flagged) or {@code reject}. Default {@code generic}. */
    @WithDefault("generic")
    UnknownSensorPolicy unknownSensor();

    default ValidationPolicy policy() {
        return new ValidationPolicy(maxAge(), maxClockSkew(), unknownSensor());
    }
}
