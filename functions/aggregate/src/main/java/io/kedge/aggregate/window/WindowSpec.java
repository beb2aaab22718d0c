package io.kedge.aggregate.window;

import java.time.Duration;
import java.time.Instant;

/**
 * Window length and grace. Windows are aligned to the clock: each starts at a multiple of its
 * length since the Unix epoch, in UTC, so a one-minute window starts at second 0 and a
 * five-minute window at :00, :05, ... A window {@code [start, end)} closes once a watermark
 * reaches {@code end + grace}.
 *
 * @param size  the window length: at least one second, whole milliseconds, and a divisor of one
 *              day, so that windows also line up with hours and days
 * @param grace how long after the window's end a late reading still counts; zero or more
 */
public record WindowSpec(Duration size, Duration grace) {

    private static final Duration DAY = Duration.ofDays(1);

    public WindowSpec {
        if (size == null || size.compareTo(Duration.ofSeconds(1)) < 0 || size.compareTo(DAY) > 0
                || size.toNanos() % 1_000_000 != 0 || DAY.toMillis() % size.toMillis() != 0) {
            throw new IllegalArgumentException("window " + size + " (kedge.aggregate.window) must lie between PT1S and P1D,"
                    + " in whole milliseconds, and divide a day evenly (PT1M, PT5M, PT15M, PT1H, ...)");
        }
        if (grace == null || grace.isNegative() || grace.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("grace " + grace + " (kedge.aggregate.grace) must be zero or more,"
                    + " in whole milliseconds");
        }
    }

    /** Start of the window holding {@code time}. */
    public Instant startOf(Instant time) {
        long size = this.size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), size) * size);
    }

    /** End of the window starting at {@code start}, exclusive. */
    public Instant endOf(Instant start) {
        return start.plus(size);
    }

    /** When the window starting at {@code start} closes: its end plus the grace. */
    public Instant closesAt(Instant start) {
        return endOf(start).plus(grace);
    }

    /** Whether the window starting at {@code start} is due to close at {@code watermark} (none: not yet). */
    public boolean isDue(Instant start, Instant watermark) {
        return watermark != null && !closesAt(start).isAfter(watermark);
    }
}
