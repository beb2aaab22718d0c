package io.kedge.aggregate.engine;

import io.kedge.aggregate.window.Metric;
import io.kedge.contract.data.Summary;
import java.util.Comparator;
import java.util.List;

/**
 * What an event yields.
 *
 * @param summaries to announce, oldest window first (then by device and metric); includes those
 *                  announced before for the same event, when it is delivered again
 * @param closed    how many of them closed with this delivery (the rest are announced again)
 * @param late      metrics of the reading whose values were dropped as late
 */
public record Outcome(List<Summary> summaries, int closed, List<Metric> late) {

    static final Comparator<Summary> OLDEST_FIRST = Comparator
            .comparing(Summary::windowStart)
            .thenComparing(Summary::deviceId)
            .thenComparing(s -> Metric.parse(s.metric()));

    public Outcome {
        summaries = summaries.stream().sorted(OLDEST_FIRST).toList();
        late = List.copyOf(late);
    }
}
