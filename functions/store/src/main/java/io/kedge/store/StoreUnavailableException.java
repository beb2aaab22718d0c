package io.kedge.store;

/**
 * InfluxDB could not take the point now (unreachable, timed out, overloaded, misconfigured
 * credentials): the same reading may be stored by a later attempt, so the sender should retry.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
