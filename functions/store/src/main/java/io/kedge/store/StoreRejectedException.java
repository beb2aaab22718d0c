package io.kedge.store;

/**
 * InfluxDB answered that it will never take this point (field type conflict, point outside the
 * retention window, unparsable line): retrying the same reading cannot succeed.
 */
public class StoreRejectedException extends RuntimeException {

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
