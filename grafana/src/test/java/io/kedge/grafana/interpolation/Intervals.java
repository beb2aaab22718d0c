package io.kedge.grafana.interpolation;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Grafana arrives at {@code $__interval} for a panel, and how it writes intervals:
 * <ul>
 * <li>{@link #calculate}: {@code rangeutil.calculateInterval} of {@code @grafana/data} — the range
 *     divided by the resolution (the panel's max data points, by default its width in pixels),
 *     rounded by {@link #round} to a "nice" step, and raised to the lower limit (the panel's
 *     {@code interval}, else the datasource's {@code timeInterval}, else 1 ms);</li>
 * <li>{@link #format}: {@code gtime.FormatInterval} of grafana-plugin-sdk-go, which the InfluxDB
 *     backend uses for the text of {@code $__interval}: the largest whole unit, truncated
 *     ({@code 90s} is written {@code 1m});</li>
 * <li>{@link #toMillis}: {@code rangeutil.intervalToMs}, for {@code timeInterval} and panel intervals.</li>
 * </ul>
 */
public final class Intervals {

    /** {@code rangeutil}'s interval syntax: a number and one of ms, s, m, h, d, w, M, y. */
    private static final Pattern INTERVAL = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(ms|[Mwdhmsy])");
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdwy]))?");

    /** {@code $__interval} in milliseconds for a panel. */
    public static long calculate(Duration range, int resolution, String lowLimit) {
        long lowLimitMs = lowLimit == null || lowLimit.isBlank() ? 1 : toMillis(lowLimit);
        long intervalMs = round(range.toMillis() / (double) resolution);
        return Math.max(intervalMs, lowLimitMs);
    }

    /** {@code rangeutil.roundInterval}: the step table of Grafana's frontend. */
    public static long round(double ms) {
        long[][] steps = {
                {10, 1}, {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500},
                {1_500, 1_000}, {3_500, 2_000}, {7_500, 5_000}, {12_500, 10_000}, {17_500, 15_000},
                {25_000, 20_000}, {45_000, 30_000}, {90_000, 60_000}, {210_000, 120_000},
                {450_000, 300_000}, {750_000, 600_000}, {1_050_000, 900_000}, {1_500_000, 1_200_000},
                {2_700_000, 1_800_000}, {5_400_000, 3_600_000}, {9_000_000, 7_200_000},
                {16_200_000, 10_800_000}, {32_400_000, 21_600_000}, {86_400_000, 43_200_000},
                {604_800_000, 86_400_000}, {1_814_400_000, 604_800_000}, {3_628_800_000L, 2_592_000_000L}};
        for (long[] step : steps) {
            if (ms < step[0]) {
                return step[1];
            }
        }
        return 31_536_000_000L;
    }

    /** {@code gtime.FormatInterval}. */
    public static String format(long ms) {
        long second = 1_000;
        long minute = 60 * second;
        long hour = 60 * minute;
        long day = 24 * hour;
        long year = 365 * day;
        if (ms >= year) {
            return ms / year + "y";
        }
        if (ms >= day) {
            return ms / day + "d";
        }
        if (ms >= hour) {
            return ms / hour + "h";
        }
        if (ms >= minute) {
            return ms / minute + "m";
        }
        if (ms >= second) {
            return ms / second + "s";
        }
        return Math.max(ms, 1) + "ms";
    }

    /** {@code rangeutil.intervalToMs}: {@code 2s} → 2000; a bare number is seconds. */
    public static long toMillis(String interval) {
        String text = interval.trim();
        if (text.matches("\\d+")) {
            return Long.parseLong(text) * 1_000;
        }
        Matcher matcher = INTERVAL.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("\"" + interval + "\" is not a Grafana interval (e.g. 10s, 1m, 500ms)");
        }
        double count = Double.parseDouble(matcher.group(1));
        double seconds = switch (matcher.group(2)) {
            case "y" -> 31_536_000;
            case "M" -> 2_592_000;
            case "w" -> 604_800;
            case "d" -> 86_400;
            case "h" -> 3_600;
            case "m" -> 60;
            case "s" -> 1;
            default -> 0.001;
        };
        return Math.round(seconds * 1_000 * count);
    }

    /** A dashboard's {@code now} or {@code now-6h} at {@code now}; rounding ({@code now/d}) is not used by Kedge. */
    public static Instant relative(String expression, Instant now) {
        Matcher matcher = RELATIVE.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + expression + "\" is not of the form now or now-<n><unit>");
        }
        if (matcher.group(1) == null) {
            return now;
        }
        return now.minusMillis(toMillis(matcher.group(1) + matcher.group(2)));
    }

    private Intervals() {
    }
}
