package io.kedge.device.app;

import io.kedge.device.mqtt.MqttBridge;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The SmallRye channel {@code mqtt-readings} (QoS 1, persistent session) into the {@link MqttBridge}.
 *
 * <p>The MQTT client runs with auto-acknowledgement off ({@link MqttClientCustomizer}): the PUBACK
 * for a message goes out only when its event is in the durable buffer, from the connection's own
 * event loop, in the order the buffer completed them (its commits complete in append order). The
 * method itself returns at once, so a few messages (Mosquitto's in-flight window) share one fsync.
 * A message whose event could not be kept is not acknowledged: the MQTT broker sends it again after
 * the next reconnect.
 */
@ApplicationScoped
public class MqttReadingsConsumer {

    static final String CHANNEL = "mqtt-readings";
    private static final Logger LOG = Logger.getLogger(MqttReadingsConsumer.class);

    private final MqttBridge bridge;

    MqttReadingsConsumer(MqttBridge bridge) {
        this.bridge = bridge;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Optional<ReceivingMqttMessageMetadata> mqtt = message.getMetadata(ReceivingMqttMessageMetadata.class);
        String topic = mqtt.map(ReceivingMqttMessageMetadata::getTopic).orElse("");
        Context connection = Vertx.currentContext();
        bridge.handle(topic, message.getPayload()).whenComplete((kept, error) -> {
            if (error != null) {
                LOG.warnf("MQTT message on %s not acknowledged: its event could not be kept (%s); the broker resends it"
                        + " after the next reconnect", topic, error.getMessage());
                return;
            }
            Runnable ack = () -> mqtt.ifPresent(m -> {
                try {
                    m.getMessage().ack();
                } catch (RuntimeException e) {
                    // The connection it came on is gone; the broker sends the message again on the next one.
                    LOG.debugf("PUBACK for a message on %s not sent (%s); it will be redelivered", topic, e.toString());
                }
            });
            if (connection != null) {
                connection.runOnContext(ignored -> ack.run());
            } else {
                ack.run();
            }
            message.ack();
        });
        return CompletableFuture.completedFuture(null);
    }
}
