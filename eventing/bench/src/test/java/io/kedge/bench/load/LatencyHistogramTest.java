package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfAUniformSpreadInMilliseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1_000; ms++) {
            histogram.recordNanos(ms * 1_000_000L);
        }

        assertThat(histogram.count()).isEqualTo(1_000);
        // three significant digits: within 0.1 % of the exact value
        assertThat(histogram.percentileMillis(50)).isCloseTo(500, within(0.5));
        assertThat(histogram.percentileMillis(99)).isCloseTo(990, within(1.0));
        assertThat(histogram.maxMillis()).isCloseTo(1_000, within(1.0));
    }

    /** Verifies that one slow event among fast ones shows in the maximum, and in p99 only once it is 1 % of them. */
    @Test
    void anOutlierMovesTheMaximumNotTheMedian() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 999; i++) {
            histogram.recordNanos(200_000); // 0.2 ms
        }
        histogram.recordNanos(2_000_000_000L); // 2 s

        assertThat(histogram.percentileMillis(50)).isCloseTo(0.2, within(0.001));
        assertThat(histogram.percentileMillis(99)).isCloseTo(0.2, within(0.001));
        assertThat(histogram.maxMillis()).isCloseTo(2_000, within(2.0));
    }

    @Test
    void emptyReadsAsZeroAndNegativeLatencyAsZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.percentileMillis(99)).isZero();
        assertThat(histogram.maxMillis()).isZero();

        histogram.recordNanos(-5_000);
        assertThat(histogram.count()).isEqualTo(1);
        assertThat(histogram.maxMillis()).isZero();
    }
}
