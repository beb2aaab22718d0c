package io.kedge.bench.load;

import java.time.Duration;

/**
 * When each event of an open-loop load is due: event {@code i} at {@code start + i / rate},
 * whatever happened to the events before it. Latency measured from these times, not from the
 * moment a request actually left, includes the queueing a slow server causes (no coordinated
 * omission). Each time is computed from {@code i}, so rounding never accumulates into drift.
 *
 * @param startNanos    {@link System#nanoTime()} at which event 0 is due
 * @param ratePerSecond events per second, more than zero
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond) {

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, got " + ratePerSecond);
        }
    }

    /** A schedule whose first event is due {@code lead} from now, so the first sends are not already late. */
    public static OpenLoopSchedule startingIn(Duration lead, double ratePerSecond) {
        return new OpenLoopSchedule(System.nanoTime() + lead.toNanos(), ratePerSecond);
    }

    /** The {@link System#nanoTime()} at which event {@code index} is due. */
    public long timeOf(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("event index must not be negative, got " + index);
        }
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many events fall into {@code duration} at this rate (at least one for a positive duration). */
    public long countWithin(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return 0;
        }
        return Math.max(1, Math.round(ratePerSecond * duration.toNanos() / 1e9));
    }
}
