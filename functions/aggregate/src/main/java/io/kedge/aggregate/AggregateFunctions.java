package io.kedge.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.aggregate.engine.AggregateEngine;
import io.kedge.aggregate.engine.Outcome;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.ReadingData;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;

/**
 * The functions: a validated reading or a PingSource tick in, at most one summary out (the others,
 * if any, to {@code K_SINK}); nothing closed answers 204. Failures carry their status
 * ({@code FunctionFailure}): 503 when the windows or the sink are unavailable (retry), 422 for a
 * reading the windows cannot take.
 */
public class AggregateFunctions {

    @Inject
    AggregateEngine engine;

    @Inject
    SummaryReplies replies;

    @Inject
    AggregateMetrics metrics;

    @Funq
    public CloudEvent<Summary> aggregate(CloudEvent<ValidatedReading> reading) {
        Outcome outcome = metrics.count(engine.onReading(reading.id(), ReadingData.bound(reading.id(), reading::data)));
        if (!outcome.late().isEmpty()) {
            Log.debugf("dropped %s of reading %s: window closed", outcome.late(), reading.id());
        }
        return replies.answer(outcome);
    }

    /** The tick's data (the PingSource's payload) is not read: every tick checks every window. */
    @Funq
    public CloudEvent<Summary> aggregateTick(CloudEvent<JsonNode> tick) {
        return replies.answer(metrics.count(engine.onTick(tick.id(), tick.time() == null ? null : tick.time().toInstant())));
    }
}
