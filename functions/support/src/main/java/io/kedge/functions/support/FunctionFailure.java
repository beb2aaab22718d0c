package io.kedge.functions.support;

/**
 * A failure of a function whose HTTP status tells the broker what to do: 503 (retry later), 422
 * (never retry; dead-letter it), 400 (the sender's fault). {@link FailureStatuses} answers it with
 * that status and the message, instead of Funqy's default 500.
 */
public abstract class FunctionFailure extends RuntimeException {

    protected FunctionFailure(String message) {
        super(message);
    }

    protected FunctionFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status of the answer. */
    public abstract int status();

    /** Short reason phrase for the answer's {@code error} member. */
    public abstract String error();
}
