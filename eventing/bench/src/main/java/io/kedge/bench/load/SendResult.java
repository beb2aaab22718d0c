package io.kedge.bench.load;

import java.time.Duration;

/**
 * The server's answer to one request.
 *
 * @param status     HTTP status
 * @param retryAfter the {@code Retry-After} the server asked for, or null when it sent none
 * @param replyType  the {@code ce-type} of the event the answer carries (a function's reply), or null when none
 */
public record SendResult(int status, Duration retryAfter, String replyType) {

    /** An answer that carries no event. */
    public SendResult(int status, Duration retryAfter) {
        this(status, retryAfter, null);
    }

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** 503: the server is full and says so; the client should wait and send again. */
    public boolean backpressure() {
        return status == 503;
    }
}
