package io.kedge.aggregate;

import io.kedge.aggregate.engine.AggregateEngine;
import io.kedge.functions.support.StateUnavailableException;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the stored windows have been read: before, an event would only be answered 503.
 * Each probe tries to read them again, so the function becomes ready as soon as InfluxDB answers.
 */
@Readiness
@Singleton
public class StateReadiness implements HealthCheck {

    private final AggregateEngine engine;

    StateReadiness(AggregateEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            engine.load();
            return HealthCheckResponse.named("aggregate-windows").up()
                    .withData("devices", engine.deviceCount())
                    .withData("openWindows", engine.openWindows())
                    .build();
        } catch (StateUnavailableException e) {
            return HealthCheckResponse.named("aggregate-windows").down().withData("reason", e.getMessage()).build();
        }
    }
}
