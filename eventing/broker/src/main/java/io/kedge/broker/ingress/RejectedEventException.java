package io.kedge.broker.ingress;

/** The ingress refuses an event; {@link #status()} is the HTTP answer and the message says why. */
public class RejectedEventException extends RuntimeException {

    private final int status;

    public RejectedEventException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
