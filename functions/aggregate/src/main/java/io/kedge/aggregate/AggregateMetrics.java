package io.kedge.aggregate;

import io.kedge.aggregate.engine.Outcome;
import io.kedge.aggregate.window.Metric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters at {@code /q/metrics}: values dropped as late, per metric
 * ({@code kedge_aggregate_readings_late_total}), and windows closed
 * ({@code kedge_aggregate_summaries_closed_total}; announcing one again does not count).
 */
@Singleton
public class AggregateMetrics {

    private final Map<Metric, Counter> late = new EnumMap<>(Metric.class);
    private final Counter closed;

    AggregateMetrics(MeterRegistry registry) {
        for (Metric metric : Metric.values()) {
            late.put(metric, Counter.builder("kedge.aggregate.readings.late")
                    .description("Values of validated readings dropped because their window had closed (end + grace passed)")
                    .tag("metric", metric.label())
                    .register(registry));
        }
        closed = Counter.builder("kedge.aggregate.summaries.closed")
                .description("Windows closed, each announced as an io.kedge.summary.v1 event")
                .register(registry);
    }

    /** Counts what the outcome dropped and closed, and returns it. */
    public Outcome count(Outcome outcome) {
        outcome.late().forEach(metric -> late.get(metric).increment());
        closed.increment(outcome.closed());
        return outcome;
    }
}
