package io.kedge.bench.load;

import java.time.Duration;

/**
 * The server's answer to one request.
 *
 * @param status     HTTP status
 * @param retryAfter the {@code Retry-After} the server asked for, or null when it sent none
 */
public record SendResult(int status, Duration retryAfter) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** 503: the server is full and says so; the client should wait and send again. */
    public boolean backpressure() {
        return status == 503;
    }
}
