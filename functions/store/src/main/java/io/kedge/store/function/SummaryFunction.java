package io.kedge.store.function;

import io.kedge.contract.data.Summary;
import io.kedge.functions.support.CheckedData;
import io.kedge.store.InfluxStore;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * The {@code storeSummary} function: an {@code io.kedge.summary.v1} event in, its metric's fields
 * written to the device's point of the window in the long-retention summaries database, then 204.
 */
public class SummaryFunction {

    private final InfluxStore store;
    private final CheckedData checked;

    @Inject
    SummaryFunction(InfluxStore store, CheckedData checked) {
        this.store = store;
        this.checked = checked;
    }

    @Funq
    public Uni<Void> storeSummary(CloudEvent<Summary> event) {
        return Uni.createFrom().completionStage(() -> store.store(EventDataOf.data(event, Summary.class, "summary", checked)));
    }
}
