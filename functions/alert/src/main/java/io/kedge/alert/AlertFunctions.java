package io.kedge.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.engine.AlertEngine;
import io.kedge.alert.engine.UnusableReadingException;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
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

    @Funq
    public CloudEvent<Alert> alert(CloudEvent<ValidatedReading> reading) {
        return replies.answer(engine.onReading(reading.id(), data(reading)));
    }

    /** The tick's data (the PingSource's payload) is not read: every tick checks everything. */
    @Funq
    public CloudEvent<Alert> tick(CloudEvent<JsonNode> tick) {
        return replies.answer(engine.onTick(tick.id(), tick.time() == null ? null : tick.time().toInstant()));
    }

    /** Funqy binds the data lazily, so a reading that does not bind fails here rather than as a 500. */
    private static ValidatedReading data(CloudEvent<ValidatedReading> reading) {
        try {
            ValidatedReading data = reading.data();
            if (data == null) {
                throw new UnusableReadingException("event " + reading.id() + " carries no reading");
            }
            return data;
        } catch (UnusableReadingException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UnusableReadingException("data of event " + reading.id() + " is not a validated reading: "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
