package io.kedge.store.function;

import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.CheckedData;
import io.kedge.store.InfluxStore;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * The {@code store} function: one {@code io.kedge.reading.validated.v1} event in, one InfluxDB
 * point written, then 204 with no reply event. Failures carry their HTTP status
 * ({@code FunctionFailure}), answered by the shared {@code FailureStatuses}.
 *
 * <p>It returns a {@link Uni}: the worker thread is free as soon as the point is queued, and
 * Funqy answers when the write that carried the point has completed. Blocking instead would
 * hold one worker thread per request waiting for its batch.
 */
public class StoreFunction {

    private final InfluxStore store;
    private final CheckedData checked;

    @Inject
    StoreFunction(InfluxStore store, CheckedData checked) {
        this.store = store;
        this.checked = checked;
    }

    @Funq
    public Uni<Void> store(CloudEvent<ValidatedReading> event) {
        return Uni.createFrom().completionStage(() -> store.store(
                EventDataOf.data(event, ValidatedReading.class, "validated reading", checked)));
    }
}
