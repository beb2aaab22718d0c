package io.kedge.device.sensor;

/** What one {@link Sensor#read()} produced: a measurement or a typed failure. */
public sealed interface SensorResult {

    /** A checksum-valid sample. It may still be implausible; judging that is validate's job. */
    record Sample(Measurement measurement) implements SensorResult {
    }

    /** No sample this time; {@code detail} says what the hardware (or the simulation) reported. */
    record Failure(SensorFault fault, String detail) implements SensorResult {
    }
}
