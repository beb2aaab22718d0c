package io.kedge.device.app;

/** Which {@link io.kedge.device.sensor.Sensor} the device reads ({@code kedge.device.sensor}). */
public enum SensorKind {
    /** {@link io.kedge.device.sensor.SimulatedDht11}: no hardware needed. */
    SIMULATED
}
