package io.kedge.device.sensor;

/**
 * Why a read produced no sample. Named after the errors the Linux IIO {@code dht11} driver returns
 * from {@code read(2)}, so that the kernel reader maps them one to one.
 */
public enum SensorFault {
    /** {@code EIO}: lost sync, checksum mismatch or an undecodable frame. The commonest DHT11 fault. */
    IO_ERROR,
    /** {@code ETIMEDOUT}: the sensor did not answer (wiring, pull-up, power). */
    TIMEOUT,
    /** {@code EAGAIN}: the kernel cannot time the pulses right now; retry later. */
    TRY_AGAIN,
    /** The sensor is not there at all (no IIO device, no I2C address answering). */
    NOT_FOUND
}
