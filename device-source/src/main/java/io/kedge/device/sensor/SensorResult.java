package io.kedge.device.sensor;

import java.util.List;

/**
 * What one {@link Sensor#read()} produced: a measurement or a typed failure, each with the faults
 * of the attempts that failed on the way (a reader that retries may succeed after two {@code EIO}s).
 */
public sealed interface SensorResult {

    /** Faults of the failed attempts of this read, in order; empty for a first-time success. */
    List<SensorFault> faults();

    /** A checksum-valid sample. It may still be implausible; judging that is validate's job. */
    record Sample(Measurement measurement, List<SensorFault> faults) implements SensorResult {

        public Sample {
            faults = List.copyOf(faults);
        }

        /** A sample taken at the first attempt. */
        public Sample(Measurement measurement) {
            this(measurement, List.of());
        }
    }

    /**
     * No sample this time; {@code detail} says what the hardware (or the simulation) reported last.
     *
     * @param fault  the last attempt's fault
     * @param faults every attempt's fault, ending with {@code fault}
     */
    record Failure(SensorFault fault, String detail, List<SensorFault> faults) implements SensorResult {

        public Failure {
            faults = List.copyOf(faults);
        }

        /** A read of one attempt that failed. */
        public Failure(SensorFault fault, String detail) {
            this(fault, detail, List.of(fault));
        }
    }
}
