package io.kedge.device;

import java.time.Duration;
import java.util.Locale;

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
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return millis % 1_000 == 0 ? millis / 1_000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3_600 + " h" + (seconds % 3_600 / 60 == 0 ? "" : " " + seconds % 3_600 / 60 + " min");
    }

    private Intervals() {
    }
}
