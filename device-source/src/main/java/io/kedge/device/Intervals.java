package io.kedge.device;

import io.kedge.device.forward.DurationText;
import java.time.Duration;

/** Poll interval rules. */
public final class Intervals {

    /**
     * {@code requested}, raised to {@code floor} when below it: a DHT11 polled faster than every
     * 2 s answers with its previous conversion or not at all.
     */
    public static Duration atLeast(Duration requested, Duration floor) {
        if (requested.isNegative() || requested.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + requested);
        }
        return requested.compareTo(floor) < 0 ? floor : requested;
    }

    /** {@code 100 ms}, {@code 2 s}, {@code 1.5 s}, {@code 4 min 10 s}: durations as log lines should show them. */
    public static String text(Duration duration) {
        return DurationText.of(duration);
    }

    private Intervals() {
    }
}
