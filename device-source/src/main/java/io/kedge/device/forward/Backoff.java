package io.kedge.device.forward;

import java.time.Duration;

/**
 * Exponential waits between delivery attempts: initial, 2×, 4×, ... capped at max, back to
 * initial after a success. Not thread-safe: used by the forwarder's one thread.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial retry delay must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max retry delay " + max + " is below the initial delay " + initial);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the following one up to the cap. */
    public Duration next() {
        Duration current = next;
        next = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
        return current;
    }

    public void reset() {
        next = initial;
    }
}
