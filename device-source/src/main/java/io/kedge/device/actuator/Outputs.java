package io.kedge.device.actuator;

/** The switches the actuator drives; Pi4J's GPIO on a Pi, anything else in a test. */
public interface Outputs extends AutoCloseable {

    /**
     * Switches {@code output} on (its active level) or off.
     *
     * @throws RuntimeException when the hardware refused; the state is then unknown
     */
    void set(OutputPin output, boolean on);

    /** Whether {@code output} is on, as the hardware reports it. */
    boolean isOn(OutputPin output);

    /** Leaves every output off. */
    @Override
    void close();
}
