package io.kedge.store.function;

import io.kedge.contract.data.RejectedReading;
import io.kedge.functions.support.CheckedData;
import io.kedge.store.InfluxStore;
import io.kedge.store.InvalidDataException;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The {@code storeRejected} function: an {@code io.kedge.reading.rejected.v1} event in, one point
 * of measurement {@code rejected_readings} written at the event's time, then 204.
 */
public class RejectedFunction {

    private static final String KIND = "rejected reading";

    private final InfluxStore store;
    private final CheckedData checked;

    @Inject
    RejectedFunction(InfluxStore store, CheckedData checked) {
        this.store = store;
        this.checked = checked;
    }

    @Funq
    public Uni<Void> storeRejected(CloudEvent<RejectedReading> event) {
        return Uni.createFrom().completionStage(() -> store.store(
                EventDataOf.data(event, RejectedReading.class, KIND, checked), timeOf(event)));
    }

    /** The event's time; {@code null} without one. Funqy parses ce-time lazily, so its failure surfaces here. */
    private static Instant timeOf(CloudEvent<?> event) {
        OffsetDateTime time;
        try {
            time = event.time();
        } catch (RuntimeException e) {
            throw new InvalidDataException(KIND, "the time of event " + event.id() + " is unreadable: " + e.getMessage());
        }
        return time == null ? null : time.toInstant();
    }
}
