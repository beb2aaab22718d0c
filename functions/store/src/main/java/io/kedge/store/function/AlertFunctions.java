package io.kedge.store.function;

import io.kedge.contract.data.Alert;
import io.kedge.functions.support.CheckedData;
import io.kedge.store.AlertState;
import io.kedge.store.InfluxStore;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * The alert functions: an {@code io.kedge.alert.fired.v1} or {@code io.kedge.alert.resolved.v1}
 * event in, one point of measurement {@code alerts} written (for Grafana annotations), then 204.
 * Two functions because Funqy maps exactly one CloudEvent type to a function.
 */
public class AlertFunctions {

    private final InfluxStore store;
    private final CheckedData checked;

    @Inject
    AlertFunctions(InfluxStore store, CheckedData checked) {
        this.store = store;
        this.checked = checked;
    }

    @Funq
    public Uni<Void> storeAlertFired(CloudEvent<Alert> event) {
        return stored(event, AlertState.FIRING);
    }

    @Funq
    public Uni<Void> storeAlertResolved(CloudEvent<Alert> event) {
        return stored(event, AlertState.RESOLVED);
    }

    private Uni<Void> stored(CloudEvent<Alert> event, AlertState state) {
        return Uni.createFrom().completionStage(() -> store.store(EventDataOf.data(event, Alert.class, "alert", checked), state));
    }
}
