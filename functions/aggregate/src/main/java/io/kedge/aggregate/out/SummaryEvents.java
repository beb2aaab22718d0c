package io.kedge.aggregate.out;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.aggregate.engine.SummaryIds;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Summary;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Summaries as CloudEvents (SDK form) for sending to the sink. The attributes are the same as
 * those of the function's reply event: see {@code SummaryReplies}.
 */
public final class SummaryEvents {

    /** {@code source} of every summary. */
    public static final String SOURCE = "/functions/aggregate";
    /** Extension attribute naming the metric, so that a Trigger can filter on it. */
    public static final String METRIC_EXTENSION = "metric";
    /** Extension attribute naming the window length ({@code PT1M}), so that a Trigger can pick one. */
    public static final String WINDOW_EXTENSION = "window";

    public static CloudEvent of(Summary summary) {
        return CloudEventBuilder.v1()
                .withId(SummaryIds.of(summary))
                .withSource(URI.create(SOURCE))
                .withType(EventTypes.SUMMARY)
                .withSubject(summary.deviceId())
                .withTime(Instant.parse(summary.windowStart()).atOffset(ZoneOffset.UTC))
                .withExtension(METRIC_EXTENSION, summary.metric())
                .withExtension(WINDOW_EXTENSION, summary.window())
                .withDataContentType("application/json")
                .withData(EventData.toJson(summary))
                .build();
    }

    private SummaryEvents() {
    }
}
