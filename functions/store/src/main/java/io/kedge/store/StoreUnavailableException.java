package io.kedge.store;

import io.kedge.functions.support.FunctionFailure;
/**
 * InfluxDB could not take the point now (unreachable, timed out, overloaded, misconfigured
 * credentials): the same reading may be stored by a later attempt, so the sender should retry.
 */
public class StoreUnavailableException extends FunctionFailure {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return "InfluxDB unavailable";
    }
}
