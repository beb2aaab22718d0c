package io.kedge.aggregate;

import io.kedge.aggregate.engine.Outcome;
import io.kedge.aggregate.engine.SummaryIds;
import io.kedge.aggregate.out.SummaryEvents;
import io.kedge.aggregate.out.SummarySink;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Summary;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Turns an event's summaries into the function's answer. Funqy replies with at most one event,
 * and a reading that crosses a window boundary already closes one window per metric: the oldest
 * summary is the reply (no extra hop: the broker routes it at once) and the others go to the sink
 * ({@code K_SINK}, the broker) before the reply is sent. No summary: no reply (204).
 */
@Singleton
public class SummaryReplies {

    private final SummarySink sink;

    SummaryReplies(SummarySink sink) {
        this.sink = sink;
    }

    /**
     * @throws io.kedge.functions.support.SinkFailedException when an extra summary was not accepted;
     *         its window is stored closed, so the same event delivered again announces it again
     */
    public CloudEvent<Summary> answer(Outcome outcome) {
        List<Summary> summaries = outcome.summaries();
        if (summaries.isEmpty()) {
            return null;
        }
        if (summaries.size() > 1) {
            sink.send(summaries.subList(1, summaries.size()).stream().map(SummaryEvents::of).toList());
        }
        return reply(summaries.get(0));
    }

    static CloudEvent<Summary> reply(Summary summary) {
        return CloudEventBuilder.create()
                .id(SummaryIds.of(summary))
                .source(SummaryEvents.SOURCE)
                .type(EventTypes.SUMMARY)
                .subject(summary.deviceId())
                .time(Instant.parse(summary.windowStart()).atOffset(ZoneOffset.UTC))
                .extensions(Map.of(SummaryEvents.METRIC_EXTENSION, summary.metric(),
                        SummaryEvents.WINDOW_EXTENSION, summary.window()))
                .build(summary);
    }
}
