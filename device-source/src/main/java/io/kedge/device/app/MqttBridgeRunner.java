package io.kedge.device.app;

import io.kedge.device.DeviceIdentity;
import io.kedge.device.mqtt.MqttBridge;
import io.kedge.device.mqtt.MqttSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the MQTT bridge when {@code kedge.device.mqtt.enabled}: the {@link MqttSubscriber} feeds
 * the {@link MqttBridge}, which keeps each message's event in the durable buffer before its PUBACK.
 * Stopped at shutdown before the forwarder's buffer closes (beans are destroyed after the
 * ShutdownEvent), so no message is acknowledged into a closed file.
 */
@ApplicationScoped
public class MqttBridgeRunner {

    private final DeviceConfig config;
    private final DeviceIdentity identity;
    private final MqttBridge bridge;
    private final Vertx vertx;
    private volatile MqttSubscriber subscriber;

    MqttBridgeRunner(DeviceConfig config, DeviceIdentity identity, MqttBridge bridge, Vertx vertx) {
        this.config = config;
        this.identity = identity;
        this.bridge = bridge;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        if (config.mqtt().enabled()) {
            MqttSubscriber.Settings settings = DeviceBeans.configured("kedge.device.mqtt.*",
                    () -> settings(config.mqtt(), identity));
            subscriber = MqttSubscriber.start(vertx, settings, bridge::handle);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        MqttSubscriber running = subscriber;
        if (running != null) {
            running.close();
        }
    }

    /** The running subscription; empty when the bridge is off. */
    public Optional<MqttSubscriber> subscriber() {
        return Optional.ofNullable(subscriber);
    }

    static MqttSubscriber.Settings settings(DeviceConfig.Mqtt mqtt, DeviceIdentity identity) {
        // A persistent session is found again by its client id: stable, and different per device.
        String clientId = mqtt.clientId().filter(id -> !id.isBlank()).orElse("kedge-" + identity.deviceId());
        return new MqttSubscriber.Settings(mqtt.host(), mqtt.port(), mqtt.topic(), clientId,
                mqtt.username().filter(u -> !u.isEmpty()), mqtt.password().filter(p -> !p.isEmpty()),
                mqtt.maxUnacked(), mqtt.keepAlive(), mqtt.reconnectDelay(), mqtt.maxMessageSize(), mqtt.tls(),
                mqtt.caFile().filter(f -> !f.isBlank()).map(Path::of));
    }
}
