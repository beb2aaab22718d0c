package io.kedge.device.app;

import io.kedge.device.mqtt.MqttSubscriber;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** With the MQTT bridge on: ready while it is connected and subscribed. Always up when it is off. */
@Readiness
@Singleton
public class MqttHealthCheck implements HealthCheck {

    private final MqttBridgeRunner runner;

    MqttHealthCheck(MqttBridgeRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        return runner.subscriber().map(subscriber -> {
            MqttSubscriber.Stats stats = subscriber.stats();
            return HealthCheckResponse.named("mqtt-bridge")
                    .status(stats.connected())
                    .withData("server", subscriber.settings().server())
                    .withData("topic", subscriber.settings().topic())
                    .withData("unacked", stats.unacked())
                    .build();
        }).orElseGet(() -> HealthCheckResponse.named("mqtt-bridge").up().withData("enabled", false).build());
    }
}
