package io.kedge.device.forward;

import java.time.Duration;
import java.util.Locale;

/** Durations as log lines should show them: {@code 100 ms}, {@code 2 s}, {@code 1.5 s}, {@code 4 min 10 s}, {@code 2 h 5 min}. */
public final class DurationText {

    public static String of(Duration duration) {
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

    private DurationText() {
    }
}
