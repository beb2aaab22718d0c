package io.kedge.device.forward;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of one send.
 *
 * @param result     delivered, worth retrying, or refused for good
 * @param status     the HTTP status, or 0 when no response arrived
 * @param detail     a short human-readable reason
 * @param retryAfter the sink's {@code Retry-After}, when it sent one
 */
public record SendOutcome(Result result, int status, String detail, Optional<Duration> retryAfter) {

    public enum Result {
        /** The sink took the event (2xx). */
        DELIVERED,
        /** The sink is unreachable or unwell; the same event may succeed later. */
        RETRY,
        /** The sink refused this very event; sending it again cannot succeed. */
        REJECTED
    }

    public static SendOutcome delivered(int status) {
        return new SendOutcome(Result.DELIVERED, status, "HTTP " + status, Optional.empty());
    }

    public static SendOutcome retry(int status, String detail, Optional<Duration> retryAfter) {
        return new SendOutcome(Result.RETRY, status, detail, retryAfter);
    }

    public static SendOutcome unreachable(String detail) {
        return new SendOutcome(Result.RETRY, 0, detail, Optional.empty());
    }

    public static SendOutcome rejected(int status, String detail) {
        return new SendOutcome(Result.REJECTED, status, detail, Optional.empty());
    }
}
