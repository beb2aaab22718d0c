package io.kedge.bench;

import java.time.Duration;
import java.util.Locale;

/** How the benchmarks print numbers: the same precision in every table and progress line. */
final class Figures {

    /** Milliseconds with three significant figures at most, never fewer than two decimals below 10. */
    static String ms(double millis) {
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** Bytes in whole MiB; a dash for "not measured" (negative). */
    static String mib(long bytes) {
        return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    /** A whole percentage; a dash for "not measured" (NaN). */
    static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** A count or rate with thousands separators, rounded to a whole number. */
    static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Seconds without trailing zeros: {@code 10}, {@code 1.5}, {@code 0.25}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3g", duration.toNanos() / 1e9).replaceAll("\\.?0+$", "");
    }

    static String met(boolean met) {
        return met ? "yes" : "no";
    }

    private Figures() {
    }
}
