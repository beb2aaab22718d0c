package io.kedge.testkit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A gateway in a test: publishes at QoS 1 and returns only when the MQTT broker acknowledged
 * (PUBACK); when the broker is away it reconnects and publishes the same message again, as a
 * gateway with its own retry would. So every message it returned from is the MQTT broker's
 * responsibility, and any of them missing downstream was lost by the bridge.
 *
 * <p>Needs {@code io.vertx:vertx-mqtt} on the test class path (an optional dependency of the
 * testkit: every Quarkus module with an MQTT channel has it already).
 */
public final class QosOnePublisher implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final String host;
    private final int port;
    private final String clientId;
    private final Consumer<MqttClientOptions> options;
    private final Map<Integer, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private MqttClient client;
    private volatile int retries;

    public QosOnePublisher(String host, int port, String clientId) {
        this(host, port, clientId, options -> { });
    }

    /** @param options adds to the client's options: TLS, credentials */
    public QosOnePublisher(String host, int port, String clientId, Consumer<MqttClientOptions> options) {
        this.host = host;
        this.port = port;
        this.clientId = clientId;
        this.options = options;
    }

    /** Publishes until acknowledged, reconnecting as needed; gives up after {@code 60 s}. */
    public void publish(String topic, String payload) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                connected();
                int packetId = client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                // The PUBACK may have been handled before the packet id was known here: both sides share one future.
                acks(packetId).get(2, TimeUnit.SECONDS);
                pending.remove(packetId);
                return;
            } catch (Exception e) {
                retries++;
                disconnect();
                try {
                    Thread.sleep(100); // a reconnect loop's pause, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        throw new IllegalStateException("no PUBACK for a message to " + topic + " within 60 s");
    }

    private CompletableFuture<Void> acks(int packetId) {
        return pending.computeIfAbsent(packetId, id -> new CompletableFuture<>());
    }

    /** Messages that had to be published again after a failure. */
    public int retries() {
        return retries;
    }

    private void connected() throws Exception {
        if (client != null && client.isConnected()) {
            return;
        }
        pending.clear();
        MqttClientOptions clientOptions = new MqttClientOptions().setClientId(clientId).setCleanSession(true);
        options.accept(clientOptions);
        client = MqttClient.create(vertx, clientOptions);
        client.publishCompletionHandler(id -> acks(id).complete(null));
        client.connect(port, host).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    }

    private void disconnect() {
        if (client != null) {
            try {
                client.disconnect().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                // it was gone already
            }
            client = null;
        }
    }

    @Override
    public void close() {
        disconnect();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
