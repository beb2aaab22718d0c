package io.kedge.broker.log;

/** The broker's store cannot take writes (disk full, I/O error, closed): nothing more is acknowledged. */
public class StoreFailedException extends RuntimeException {

    public StoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
