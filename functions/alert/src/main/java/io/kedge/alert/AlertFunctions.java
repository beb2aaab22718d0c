package io.kedge.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.engine.AlertEngine;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.CheckedData;
import io.kedge.functions.support.ReadingData;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import jakarta.inject.Inject;

/**
 * The functions: a validated reading or a PingSource tick in, at most one alert event out (the
 * others, if any, to {@code K_SINK}); nothing to announce answers 204. Failures carry their status
 * ({@code FunctionFailure}): 503 when the state or the sink is unavailable (retry), 422 for a
 * reading the rules cannot take.
 */
public class AlertFunctions {

    @Inject
    AlertEngine engine;

    @Inject
    AlertReplies replies;

    @Inject
    CheckedData checked;

    @Funq
    public CloudEvent<Alert> alert(CloudEvent<ValidatedReading> reading) {
        return replies.answer(engine.onReading(reading.id(), data(reading)));
    }

    /** The tick's data (the PingSource's payload) is not read: every tick checks everything. */
    @Funq
    public CloudEvent<Alert> tick(CloudEvent<JsonNode> tick) {
        return replies.answer(engine.onTick(tick.id(), tick.time() == null ? null : tick.time().toInstant()));
    }

    /**
     * Bound strictly from the tree the gate parsed ({@link CheckedData}): Funqy's own binding took
     * {@code "21.5"} for a number, a number for a device id and {@code DeviceId} for {@code deviceId}.
     * A reading that does not bind fails here, a 422, rather than as a 500.
     */
    private ValidatedReading data(CloudEvent<ValidatedReading> reading) {
        return ReadingData.bound(reading.id(), () -> checked.value(ValidatedReading.class, reading::data));
    }
}
