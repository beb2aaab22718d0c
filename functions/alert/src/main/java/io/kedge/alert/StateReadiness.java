package io.kedge.alert;

import io.kedge.alert.engine.AlertEngine;
import io.kedge.functions.support.StateUnavailableException;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the stored alert state has been read: before, an event would only be answered 503.
 * Each probe tries to read it again, so the function becomes ready as soon as InfluxDB answers.
 */
@Readiness
@Singleton
public class StateReadiness implements HealthCheck {

    private final AlertEngine engine;

    StateReadiness(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            engine.load();
            return HealthCheckResponse.named("alert-state").up().withData("devices", engine.deviceCount()).build();
        } catch (StateUnavailableException e) {
            return HealthCheckResponse.named("alert-state").down().withData("reason", e.getMessage()).build();
        }
    }
}
