package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link EventSender} that publishes to an MQTT broker at QoS 1, the way LoRa gateways feed the
 * device source's bridge: the message's body is the payload, its {@link #TOPIC} header the topic
 * (that header never leaves this class). The answer is the broker's PUBACK, as status 200:
 * from then on the message is the MQTT broker's responsibility. Messages are spread round-robin
 * over several connections (several gateways), each driven from its own Vert.x event loop.
 */
public final class MqttSender implements EventSender {

    /** The pseudo-header that carries a message's topic. */
    public static final String TOPIC = "x-kedge-bench-mqtt-topic";
    private static final int MAX_IN_FLIGHT = 10_000;
    /** Held so that its level sticks: Vert.x logs every connect at INFO into the benchmark's figures. */
    private static final Logger CLIENT_LOG = Logger.getLogger("io.vertx.mqtt.impl.MqttClientImpl");

    static {
        CLIENT_LOG.setLevel(Level.WARNING);
    }

    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final long timeoutMillis;

    /**
     * Connects {@code count} clients ({@code <clientIdPrefix>-<n>}, clean sessions) and waits for
     * every CONNACK.
     *
     * @throws IllegalStateException when a connection fails within 10 s
     */
    public MqttSender(Vertx vertx, String host, int port, int count, String clientIdPrefix, Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        for (int n = 0; n < count; n++) {
            connections.add(new Connection(vertx, host, port, clientIdPrefix + "-" + n));
        }
    }

    /** A message that {@link #send} publishes to {@code topic} with {@code payload}. */
    public static HttpMessage message(String topic, byte[] payload, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(TOPIC, topic);
        return new HttpMessage(headers, payload);
    }

    /** Whether {@code message} is one of {@link #message}'s. */
    public static boolean isMqtt(HttpMessage message) {
        return message.header(TOPIC) != null;
    }

    @Override
    public CompletionStage<SendResult> send(HttpMessage message) {
        String topic = message.header(TOPIC);
        if (topic == null) {
            throw new IllegalArgumentException("an MQTT message needs its topic in the " + TOPIC + " header");
        }
        Connection connection = connections.get((int) (next.getAndIncrement() % connections.size()));
        return connection.publish(topic, message.body()).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
    }

    /** One client, touched only on its own event loop: the PUBACK handler and the publishes share a thread. */
    private static final class Connection {

        private final Context context;
        private final MqttClient client;
        /** Packet id → the publish's answer; whichever of publish and PUBACK comes first creates it. */
        private final Map<Integer, CompletableFuture<Void>> acks = new HashMap<>();

        Connection(Vertx vertx, String host, int port, String clientId) {
            this.context = vertx.getOrCreateContext();
            this.client = MqttClient.create(vertx, new MqttClientOptions().setClientId(clientId).setCleanSession(true)
                    .setMaxInflightQueue(MAX_IN_FLIGHT).setAutoKeepAlive(true));
            CompletableFuture<Void> connected = new CompletableFuture<>();
            context.runOnContext(v -> {
                client.publishCompletionHandler(id -> ack(id).complete(null));
                client.connect(port, host).onComplete(ar -> {
                    if (ar.succeeded()) {
                        connected.complete(null);
                    } else {
                        connected.completeExceptionally(ar.cause());
                    }
                });
            });
            try {
                connected.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot connect MQTT client " + clientId + " to " + host + ":" + port
                        + ": " + e.getMessage(), e);
            }
        }

        CompletableFuture<SendResult> publish(String topic, byte[] payload) {
            CompletableFuture<SendResult> answer = new CompletableFuture<>();
            context.runOnContext(v -> {
                if (!client.isConnected()) {
                    answer.completeExceptionally(new IllegalStateException("MQTT connection lost"));
                    return;
                }
                client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false).onComplete(sent -> {
                    if (sent.failed()) {
                        answer.completeExceptionally(sent.cause());
                        return;
                    }
                    int id = sent.result();
                    ack(id).whenComplete((ignored, error) -> {
                        acks.remove(id);
                        answer.complete(new SendResult(200, null));
                    });
                });
            });
            return answer;
        }

        private CompletableFuture<Void> ack(int packetId) {
            return acks.computeIfAbsent(packetId, id -> new CompletableFuture<>());
        }

        void close() {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            context.runOnContext(v -> {
                if (client.isConnected()) {
                    client.disconnect().onComplete(ar -> closed.complete(null));
                } else {
                    closed.complete(null);
                }
            });
            closed.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        }
    }
}
