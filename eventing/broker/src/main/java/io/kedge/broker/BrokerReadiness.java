package io.kedge.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the manifests are loaded (otherwise the process would not have started); reports what it holds. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerRuntime broker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kedge-broker")
                .up()
                .withData("brokers", broker.topology().brokers().size())
                .withData("triggers", broker.topology().triggers().size())
                .withData("queued", broker.log().depth())
                .withData("delivered", broker.stats().delivered())
                .withData("gaveUp", broker.stats().gaveUp())
                .build();
    }
}
