package io.kedge.device.app;

import io.kedge.device.mqtt.MqttSubscriber;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * With the MQTT bridge on: up while it is connected and subscribed; always up when it is off. A
 * wellness check ({@code /q/health/well}), not readiness: an MQTT broker that is away must not take
 * the device source out of its Service, whose {@code /actuator} and {@code /uplink} still work, nor
 * the edge app's broker ingress with it; the messages wait in the session meanwhile.
 */
@Wellness
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
