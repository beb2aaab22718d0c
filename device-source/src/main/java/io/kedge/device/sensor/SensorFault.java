package io.kedge.device.sensor;

/**
 * Why a read produced no sample. Named after the errors the Linux IIO {@code dht11} driver returns
 * from {@code read(2)}, so that the kernel reader maps them one to one; {@link #code()} is the
 * {@code error} label of metrics and {@code sensor_error} log lines (a closed set).
 */
public enum SensorFault {
    /** {@code EIO}: lost sync, checksum mismatch or an undecodable frame. The commonest DHT11 fault. */
    IO_ERROR("EIO"),
    /** {@code ETIMEDOUT}: the sensor did not answer (wiring, pull-up, power). */
    TIMEOUT("ETIMEDOUT"),
    /** {@code EAGAIN}: the kernel cannot time the pulses right now; retry later. */
    TRY_AGAIN("EAGAIN"),
    /** The sensor is not there at all (no IIO device, no I2C address answering, wrong chip). */
    NOT_FOUND("NOT_FOUND"),
    /** Anything else: an unexpected error number, a value that is not a number. */
    OTHER("OTHER");

    private final String code;

    SensorFault(String code) {
        this.code = code;
    }

    /** {@code EIO}, {@code ETIMEDOUT}, {@code EAGAIN}, {@code NOT_FOUND} or {@code OTHER}. */
    public String code() {
        return code;
    }
}
