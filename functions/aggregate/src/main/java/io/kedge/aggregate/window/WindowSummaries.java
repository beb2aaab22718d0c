package io.kedge.aggregate.window;

import io.kedge.contract.data.Summary;
import java.time.Instant;
import java.util.Map;

/** A closed window as the contract's {@link Summary}. */
public final class WindowSummaries {

    /**
     * Sums in sample-time order, whatever order the readings arrived in, so that the same samples
     * always give the same mean (also when read back from InfluxDB by a new instance).
     */
    public static Summary of(String deviceId, Metric metric, WindowSpec spec, Window window) {
        if (window.samples().isEmpty()) {
            throw new IllegalArgumentException("window " + window.start() + " of " + deviceId + " holds no " + metric.label());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (Sample sample : window.samples().values()) {
            min = Math.min(min, sample.value());
            max = Math.max(max, sample.value());
            sum += sample.value();
        }
        Map.Entry<Instant, Sample> last = window.samples().lastEntry();
        String location = last.getValue().location();
        return new Summary(
                deviceId,
                location == null || location.isEmpty() ? null : location,
                metric.label(),
                spec.size().toString(),
                window.start().toString(),
                spec.endOf(window.start()).toString(),
                window.count(),
                min,
                max,
                sum / window.count(),
                last.getValue().value(),
                last.getKey().toString());
    }

    private WindowSummaries() {
    }
}
