package io.kedge.device.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A QoS 1 subscription in a persistent MQTT session, with flow control of its own: at most
 * {@link Settings#maxUnacked()} messages are taken from the connection and not yet settled; beyond
 * that the socket is paused, so a backlog waits at the MQTT broker and in TCP buffers, never in
 * this process's memory. The MQTT broker's in-flight window cannot be relied on for that: Mosquitto
 * 2.0.11 sent 5,036 unacknowledged QoS 1 messages to one subscriber within half a second (its
 * {@code max_inflight_messages} of 20 holds only until the first PUBACK), and SmallRye's MQTT
 * connector, which this replaces, then failed its channel for good once its overflow buffer was
 * full (smallrye-reactive-messaging#1945).
 *
 * <p>Auto-acknowledgement is off: a message's PUBACK goes out only when the handler's stage
 * completes (the event is on disk), in the order the messages came, as MQTT 3.1.1 requires. A
 * message whose stage fails is never acknowledged, so the MQTT broker sends it again after the next
 * reconnect. A PUBACK owed on a connection that has closed meanwhile is not sent either: the broker
 * resends that message on the new connection, under the same payload and so the same event id.
 *
 * <p>Reconnects every {@link Settings#reconnectDelay()} for as long as it runs; the session (a
 * stable client id, clean session off) keeps what was published meanwhile. Every callback runs on
 * one Vert.x event-loop context, so the connection state needs no locks.
 */
public final class MqttSubscriber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttSubscriber.class);
    /** SUBACK return code of a refused subscription. */
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    /**
     * @param clientId       the persistent session's client id; stable, and different per subscriber
     * @param username       empty: none
     * @param maxUnacked     messages taken and not yet settled before the socket is paused; at least 1
     * @param maxMessageSize largest MQTT packet accepted, bytes
     * @param tls            MQTT over TLS, the server's certificate and host name verified
     * @param caFile         PEM certificates of the CAs trusted for TLS; empty: the JVM's trust store
     */
    public record Settings(String host, int port, String topic, String clientId, Optional<String> username,
                           Optional<String> password, int maxUnacked, Duration keepAlive, Duration reconnectDelay,
                           int maxMessageSize, boolean tls, Optional<Path> caFile) {

        public Settings {
            if (maxUnacked < 1) {
                throw new IllegalArgumentException("max-unacked must be at least 1, got " + maxUnacked);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("a persistent session needs a client id");
            }
        }

        public String server() {
            return (tls ? "ssl://" : "tcp://") + host + ":" + port;
        }
    }

    /** Takes one message; the returned stage completes once its event is kept, or fails. */
    @FunctionalInterface
    public interface MessageHandler {
        CompletionStage<Void> handle(String topic, byte[] payload);
    }

    /**
     * @param connected    connected and subscribed
     * @param received     messages taken from the MQTT broker (redeliveries included)
     * @param acknowledged PUBACKs sent (QoS 0 messages count here too: they need none)
     * @param notKept      messages left unacknowledged because the handler could not keep them
     * @param unacked      messages taken and not settled, now
     * @param maxUnacked   the most ever outstanding at once
     * @param pauses       times the socket was paused because {@code Settings.maxUnacked} were outstanding
     * @param connects     successful connections
     * @param failures     connection attempts that failed, and connections lost
     */
    public record Stats(boolean connected, long received, long acknowledged, long notKept, int unacked, int maxUnacked,
                        long pauses, long connects, long failures) {
    }

    private final Vertx vertx;
    private final Context context;
    private final Settings settings;
    private final MessageHandler handler;
    private final MqttClientOptions options;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean subscribed;
    private volatile int unacked;
    private volatile int maxUnackedSeen;

    // Confined to the context.
    private MqttClient client;
    /** Which connection a callback belongs to; anything of an older one is ignored. */
    private long generation;
    private boolean paused;
    private boolean closed;
    private Instant downSince;
    private String downReason;

    private MqttSubscriber(Vertx vertx, Settings settings, MessageHandler handler) {
        this.vertx = vertx;
        this.settings = settings;
        this.handler = handler;
        this.options = clientOptions(settings);
        // Called from a non-Vert.x thread this creates a fresh event-loop context: the subscriber's own.
        this.context = vertx.getOrCreateContext();
    }

    /** Connects in the background, and keeps reconnecting until {@link #close()}. */
    public static MqttSubscriber start(Vertx vertx, Settings settings, MessageHandler handler) {
        MqttSubscriber subscriber = new MqttSubscriber(vertx, settings, handler);
        subscriber.context.runOnContext(ignored -> subscriber.connect());
        return subscriber;
    }

    public Stats stats() {
        return new Stats(subscribed, received.get(), acknowledged.get(), notKept.get(), unacked, maxUnackedSeen,
                pauses.get(), connects.get(), failures.get());
    }

    public Settings settings() {
        return settings;
    }

    /** Disconnects; messages not yet acknowledged stay with the MQTT broker's session. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            closed = true;
            subscribed = false;
            generation++;
            MqttClient last = client;
            client = null;
            if (last != null && last.isConnected()) {
                last.disconnect().onComplete(result -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("MQTT disconnect did not complete cleanly: %s", e.toString());
        }
    }

    // --- the connection, on the context ---------------------------------------------------------

    /** The same for every connection: a persistent session, PUBACKs sent by {@link #settled}. */
    private static MqttClientOptions clientOptions(Settings settings) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setAutoGeneratedClientId(false)
                .setCleanSession(false)
                .setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()))
                .setMaxMessageSize(settings.maxMessageSize());
        options.setAutoAck(false);
        settings.username().ifPresent(options::setUsername);
        settings.password().ifPresent(options::setPassword);
        if (settings.tls()) {
            options.setSsl(true);
            // The JDK checks the certificate's names against the host only when asked to.
            options.setHostnameVerificationAlgorithm("HTTPS");
            settings.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        }
        return options;
    }

    private void connect() {
        if (closed) {
            return;
        }
        long connection = ++generation;
        MqttClient next = MqttClient.create(vertx, options);
        client = next;
        next.publishHandler(message -> received(connection, next, message));
        next.subscribeCompletionHandler(suback -> subscribed(connection, next, suback));
        next.closeHandler(ignored -> lost(connection, "connection closed"));
        next.exceptionHandler(error -> LOG.debugf("MQTT connection to %s: %s", settings.server(), error.toString()));
        next.connect(settings.port(), settings.host()).onComplete(result -> {
            if (connection != generation) {
                return;
            }
            if (result.failed()) {
                lost(connection, describe(result.cause()));
                return;
            }
            next.subscribe(settings.topic(), MqttQoS.AT_LEAST_ONCE.value());
        });
    }

    private void subscribed(long connection, MqttClient current, MqttSubAckMessage suback) {
        if (connection != generation) {
            return;
        }
        if (suback.grantedQoSLevels().stream().anyMatch(code -> code == SUBSCRIPTION_REFUSED)) {
            LOG.errorf("The MQTT broker %s refused the subscription to %s (not authorised?); retrying every %s",
                    settings.server(), settings.topic(), settings.reconnectDelay());
            current.disconnect(); // its close handler schedules the retry
            return;
        }
        subscribed = true;
        connects.incrementAndGet();
        if (downSince != null) {
            LOG.infof("MQTT bridge back on %s after %s (%s); subscribed to %s, QoS %s", settings.server(),
                    Duration.between(downSince, Instant.now()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    downReason, settings.topic(), suback.grantedQoSLevels());
            downSince = null;
        } else {
            LOG.infof("MQTT bridge subscribed to %s on %s as %s (QoS %s, persistent session, at most %d messages"
                            + " unacknowledged)", settings.topic(), settings.server(), settings.clientId(),
                    suback.grantedQoSLevels(), settings.maxUnacked());
        }
    }

    private void lost(long connection, String reason) {
        if (connection != generation || closed) {
            return;
        }
        generation++; // late callbacks of this connection are ignored from now on
        failures.incrementAndGet();
        subscribed = false;
        unacked = 0;
        paused = false;
        if (downSince == null) {
            downSince = Instant.now();
            downReason = reason;
            LOG.warnf("MQTT bridge: %s on %s; messages wait in the session, reconnecting every %s", reason,
                    settings.server(), settings.reconnectDelay());
        } else {
            LOG.debugf("MQTT bridge: still no connection to %s (%s)", settings.server(), reason);
        }
        MqttClient gone = client;
        client = null;
        if (gone != null && gone.isConnected()) {
            gone.disconnect();
        }
        vertx.setTimer(Math.max(1, settings.reconnectDelay().toMillis()), id -> context.runOnContext(i -> connect()));
    }

    // --- messages, on the context ------------------------------------------------------------

    private void received(long connection, MqttClient current, MqttPublishMessage message) {
        if (connection != generation) {
            return;
        }
        received.incrementAndGet();
        int outstanding = ++unacked;
        if (outstanding > maxUnackedSeen) {
            maxUnackedSeen = outstanding;
        }
        if (!paused && outstanding >= settings.maxUnacked()) {
            paused = true;
            pauses.incrementAndGet();
            current.pause();
        }
        String topic = message.topicName();
        CompletionStage<Void> kept;
        try {
            kept = handler.handle(topic, message.payload().getBytes());
        } catch (RuntimeException e) {
            kept = CompletableFuture.failedFuture(e);
        }
        // Stages complete in the order they were started (the buffer commits in append order), and
        // runOnContext keeps that order: the PUBACKs go out in the order of the PUBLISHes.
        kept.whenComplete((ignored, error) -> context.runOnContext(v -> settled(connection, current, message, topic, error)));
    }

    private void settled(long connection, MqttClient current, MqttPublishMessage message, String topic, Throwable error) {
        if (connection != generation) {
            return; // the broker sends it again on the current connection
        }
        unacked--;
        if (error == null) {
            try {
                message.ack();
                acknowledged.incrementAndGet();
            } catch (IllegalStateException e) {
                LOG.debugf("PUBACK for a message on %s not sent (%s); it will be redelivered", topic, e.getMessage());
            }
        } else {
            long count = notKept.incrementAndGet();
            // A failing disk fails every message: one line per WARN_EVERY, not thousands a second.
            if (count % MqttBridge.WARN_EVERY == 1) {
                LOG.warnf("MQTT message on %s not acknowledged: its event could not be kept (%s); the broker resends"
                        + " it after the next reconnect (%d not acknowledged so far)", topic, error.getMessage(), count);
            }
        }
        if (paused && unacked <= settings.maxUnacked() / 2) {
            paused = false;
            current.resume();
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
