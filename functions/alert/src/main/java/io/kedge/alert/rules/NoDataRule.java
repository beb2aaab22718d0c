package io.kedge.alert.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * Fires when a device has sent no reading for {@code after} (checked on every tick), and
 * resolves with its next reading. The incident starts at last-seen + {@code after}, not at the
 * tick that noticed it, so every tick (and every process) agrees on it; a repeat interval counts
 * from the tick that announced it. Value and threshold are
 * seconds: how long the device has been silent, and {@code after}.
 */
public record NoDataRule(String name, Severity severity, Duration after, Duration repeatInterval) implements Rule {

    @Override
    public Metric metric() {
        return null;
    }

    /** A tick at {@code now}; the device's last reading was sampled at {@code lastSeen}. */
    public Step check(SeriesState state, Instant lastSeen, Instant now) {
        Duration silent = Duration.between(lastSeen, now);
        if (state.firing() || silent.compareTo(after) < 0) {
            return Step.unchanged(state);
        }
        return new Step(state.fired(lastSeen.plus(after), now, seconds(silent), seconds(after)), Change.FIRED);
    }

    /** A reading sampled at {@code time}; the previous one (if any) at {@code lastSeen}. */
    public Step seen(SeriesState state, Instant time, Instant lastSeen) {
        if (!state.firing()) {
            return Step.unchanged(state);
        }
        double gap = lastSeen == null ? 0 : seconds(Duration.between(lastSeen, time));
        return new Step(state.resolved(time, gap, seconds(after)), Change.RESOLVED);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
