package io.kedge.device.app;

/** Which {@link io.kedge.device.sensor.Sensor} the device reads ({@code kedge.device.sensor}). */
public enum SensorKind {
    /** {@link io.kedge.device.sensor.SimulatedDht11}: no hardware needed; what {@code ./kedge up} runs. */
    SIMULATED,
    /** A DHT11 through the kernel's IIO {@code dht11} driver. */
    IIO_DHT11,
    /** A DHT22 / AM2302 through the same driver. */
    IIO_DHT22,
    /** A BME280 on I2C through Pi4J. */
    BME280,
    /** No sensor: a gateway that only bridges MQTT, or an actuator only. */
    NONE
}
