package io.kedge.store;

import io.kedge.functions.support.FunctionFailure;
/**
 * InfluxDB answered that it will never take this point (field type conflict, point outside the
 * retention window, unparsable line): retrying the same reading cannot succeed.
 */
public class StoreRejectedException extends FunctionFailure {

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String error() {
        return "refused by InfluxDB";
    }
}
