package io.kedge.functions.validate;

import io.kedge.functions.validate.rules.Range;
import io.kedge.functions.validate.rules.SensorModel;
import io.kedge.functions.validate.rules.SensorModels;
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

    /** The ranges for unknown sensor models under policy {@code generic}. */
    Generic generic();

    /**
     * Wide ranges that only catch the physically absurd, keys {@code kedge.validate.generic.*}.
     * Known models keep their datasheet ranges (README), which are not configurable.
     */
    interface Generic {

        /** Lowest temperature, °C. Default {@code -40}. */
        @WithDefault("-40")
        double temperatureMin();

        /** Highest temperature, °C. Default {@code 125}, the top of common digital sensors. */
        @WithDefault("125")
        double temperatureMax();

        /** Lowest relative humidity, %RH. Default {@code 0}. */
        @WithDefault("0")
        double humidityMin();

        /** Highest relative humidity, %RH. Default {@code 100}. */
        @WithDefault("100")
        double humidityMax();

        /** Lowest pressure, hPa. Default {@code 300}, the bottom of BMP/BME parts. */
        @WithDefault("300")
        double pressureMin();

        /** Highest pressure, hPa. Default {@code 1100}. */
        @WithDefault("1100")
        double pressureMax();

        default SensorModel model() {
            return SensorModels.generic(range("temperature", temperatureMin(), temperatureMax()),
                    range("humidity", humidityMin(), humidityMax()), range("pressure", pressureMin(), pressureMax()));
        }

        private static Range range(String quantity, double min, double max) {
            if (min > max) {
                throw new IllegalArgumentException("kedge.validate.generic." + quantity + "-min (" + min
                        + ") exceeds kedge.validate.generic." + quantity + "-max (" + max + ")");
            }
            return new Range(min, max);
        }
    }

    default ValidationPolicy policy() {
        return new ValidationPolicy(maxAge(), maxClockSkew(), unknownSensor(), generic().model());
    }
}
