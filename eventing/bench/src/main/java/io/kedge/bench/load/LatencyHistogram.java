package io.kedge.bench.load;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies recorded from any thread, read as percentiles in milliseconds. HdrHistogram with
 * three significant digits: a percentile is exact to 0.1 %, whatever the range.
 */
public final class LatencyHistogram {

    private final ConcurrentHistogram micros = new ConcurrentHistogram(3);

    /** Records one latency; negative values (clock of another process) count as zero. */
    public void recordNanos(long nanos) {
        micros.recordValue(Math.max(0, nanos / 1_000));
    }

    public long count() {
        return micros.getTotalCount();
    }

    /** The latency that {@code percentile} % of the recorded values do not exceed, in ms; 0 when empty. */
    public double percentileMillis(double percentile) {
        if (count() == 0) {
            return 0;
        }
        return micros.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double maxMillis() {
        return count() == 0 ? 0 : micros.getMaxValue() / 1_000.0;
    }
}
