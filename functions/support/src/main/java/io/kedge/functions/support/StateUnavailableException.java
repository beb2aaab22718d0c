package io.kedge.functions.support;

/**
 * A function's state could not be read or stored now (InfluxDB down, slow, refusing). Nothing was
 * announced and nothing changed in memory, so the same event can be taken again: 503, and the
 * broker retries it.
 */
public class StateUnavailableException extends FunctionFailure {

    private final String state;

    /**
     * @param state names the state in the answer's {@code error}: {@code "alert state"} gives
     *              {@code "alert state unavailable"}
     */
    public StateUnavailableException(String state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    public StateUnavailableException(String state, String message) {
        super(message);
        this.state = state;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return state + " unavailable";
    }
}
