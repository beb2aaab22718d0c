package io.kedge.alert.state;

import io.kedge.functions.support.FunctionFailure;

/**
 * The alert state could not be read or stored now (InfluxDB down, slow, refusing). Nothing was
 * announced and nothing changed, so the same event can be evaluated again: 503, and the broker
 * retries it.
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
        return "alert state unavailable";
    }
}
