package io.kedge.aggregate.state;

import io.kedge.functions.support.FunctionFailure;

/**
 * The windows could not be read or stored now (InfluxDB down, slow, refusing). Nothing was
 * announced and nothing changed in memory, so the same event can be taken again: 503, and the
 * broker retries it.
 */
public class StateUnavailableException extends FunctionFailure {

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateUnavailableException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return "aggregate state unavailable";
    }
}
