package io.kedge.broker;

import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.route.TriggerRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the manifests are loaded (otherwise the process would not have started) and the store
 * takes writes; down once a commit has failed (disk full, I/O error), since nothing could be
 * accepted any more. Reports the backlog per Trigger and the dead letters held.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerRuntime broker;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kedge-broker")
                .status(broker.store().isHealthy())
                .withData("store", broker.store().file().toString())
                .withData("brokers", broker.topology().brokers().size())
                .withData("triggers", broker.topology().triggers().size())
                .withData("backlog", broker.store().backlog())
                .withData("inFlight", broker.dispatcher().inFlight())
                .withData("uncommitted", broker.store().uncommittedWrites())
                .withData("deadLetters", broker.store().deadLetterCount())
                .withData("delivered", broker.metrics().delivered())
                .withData("deadLettered", broker.metrics().deadLettered());
        for (TriggerRoute trigger : broker.topology().triggers()) {
            String id = DurableEventLog.id(trigger);
            response.withData("backlog " + id, broker.store().backlog(id));
        }
        return response.build();
    }
}
