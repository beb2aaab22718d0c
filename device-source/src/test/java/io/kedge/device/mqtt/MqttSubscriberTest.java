package io.kedge.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.MosquittoServer;
import io.kedge.testkit.Poll;
import io.kedge.testkit.QosOnePublisher;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the bridge's subscription against a real Mosquitto: a backlog the broker hands over at
 * once is taken at the pace the handler keeps messages, with the socket paused instead of messages
 * piling up in memory, and nothing is acknowledged that the handler did not keep.
 */
class MqttSubscriberTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static MosquittoServer mosquitto;
    private static Vertx vertx;

    @BeforeAll
    static void startServers() {
        mosquitto = MosquittoServer.start(true);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopServers() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        mosquitto.close();
    }

    private static MqttSubscriber.Settings settings(String clientId, String topic, int maxUnacked) {
        return settings(mosquitto, topic, clientId, maxUnacked, Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    /** Settings for {@code server}: reconnects every 200 ms, messages of up to 64 KiB. */
    private static MqttSubscriber.Settings settings(MosquittoServer server, String topic, String clientId, int maxUnacked,
                                                    Optional<String> username, Optional<String> password, boolean tls,
                                                    Optional<Path> caFile) {
        return new MqttSubscriber.Settings("127.0.0.1", server.port(), topic, clientId, username, password, maxUnacked,
                Duration.ofSeconds(30), Duration.ofMillis(200), 64 * 1024, tls, caFile);
    }

    /** Leaves a persistent session at Mosquitto, subscribed to {@code topic}, and goes away. */
    private static void createSession(String clientId, String topic) {
        MqttSubscriber first = MqttSubscriber.start(vertx, settings(clientId, topic, 16),
                (t, p) -> CompletableFuture.completedFuture(null));
        Poll.until("the session subscribed", WAIT, () -> first.stats().connected());
        first.close();
    }

    private static void publish(String topic, int count) {
        publish(topic, count, 0);
    }

    /** Publishes {@code m0}, {@code m1}, ... each padded with spaces to {@code size} bytes. */
    private static void publish(String topic, int count, int size) {
        try (QosOnePublisher gateway = new QosOnePublisher("127.0.0.1", mosquitto.port(), "gateway-" + topic.hashCode())) {
            for (int i = 0; i < count; i++) {
                gateway.publish(topic, pad("m" + i, size));
            }
        }
    }

    /** A handler that keeps each payload, as text, in {@code kept} at once. */
    private static MqttSubscriber.MessageHandler keepingIn(Set<String> kept) {
        return (topic, payload) -> {
            kept.add(new String(payload, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        };
    }

    private static String pad(String text, int size) {
        return text.length() >= size ? text : text + " ".repeat(size - text.length());
    }

    @Test
    void aBacklogHandedOverAtOnceIsTakenAtTheHandlersPaceWithTheSocketPaused() {
        // GIVEN 5,000 messages waiting at Mosquitto in the bridge's session
        String topic = "kedge/backlog/reading";
        createSession("bridge-backlog", topic);
        int count = 5_000;
        int size = 512; // a LoRa network server's uplink JSON is about this size
        publish(topic, count, size);

        // WHEN the bridge connects with a handler that keeps messages slowly (a disk that lags), at most 64 outstanding
        Set<String> kept = ConcurrentHashMap.newKeySet();
        ExecutorService slowDisk = Executors.newSingleThreadExecutor();
        int maxUnacked = 64;
        try (MqttSubscriber bridge = MqttSubscriber.start(vertx, settings("bridge-backlog", topic, maxUnacked),
                (t, payload) -> CompletableFuture.runAsync(() -> {
                    LockSupport.parkNanos(200_000); // one write at a time, each a fraction of a millisecond
                    kept.add(new String(payload, StandardCharsets.UTF_8).strip());
                }, slowDisk))) {

            // THEN every message is kept and acknowledged
            Poll.until("all " + count + " messages acknowledged", WAIT, Duration.ofMillis(50),
                    () -> bridge.stats().acknowledged() >= count && bridge.stats().unacked() == 0,
                    () -> bridge.stats().toString());
            assertThat(kept).isEqualTo(IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toSet()));
            // AND Mosquitto, which floods a subscriber once it sends PUBACKs, was held off by pausing the
            // socket: beyond the bound, only what the socket read in progress held (netty reads at most
            // 64 KiB at a time) was taken
            MqttSubscriber.Stats stats = bridge.stats();
            assertThat(stats.pauses()).as("socket pauses").isPositive();
            assertThat(stats.maxUnacked()).as("most messages outstanding at once")
                    .isLessThanOrEqualTo(maxUnacked + 65_536 / size + 1);
            assertThat(stats.notKept()).isZero();
        } finally {
            slowDisk.shutdownNow();
        }
    }

    @Test
    void aMessageTheHandlerCouldNotKeepIsNotAcknowledgedAndComesAgainAfterAReconnect() {
        // GIVEN a bridge whose disk fails
        String topic = "kedge/failing/reading";
        createSession("bridge-failing", topic);
        MqttSubscriber.MessageHandler failing = (t, p) -> CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        try (MqttSubscriber bridge = MqttSubscriber.start(vertx, settings("bridge-failing", topic, 16), failing)) {
            Poll.until("subscribed", WAIT, () -> bridge.stats().connected());

            // WHEN three messages arrive
            publish(topic, 3);

            // THEN none is acknowledged
            Poll.until("three messages not kept", WAIT, Duration.ofMillis(50), () -> bridge.stats().notKept() == 3, () -> bridge.stats().toString());
            assertThat(bridge.stats().acknowledged()).isZero();
        }

        // AND the next connection of the same session gets all three again
        Set<String> kept = ConcurrentHashMap.newKeySet();
        MqttSubscriber.MessageHandler working = keepingIn(kept);
        try (MqttSubscriber bridge = MqttSubscriber.start(vertx, settings("bridge-failing", topic, 16), working)) {
            Poll.until("the three redelivered", WAIT, Duration.ofMillis(50), () -> kept.size() == 3, kept::toString);
            assertThat(kept).containsExactlyInAnyOrder("m0", "m1", "m2");
        }
    }

    @Test
    void overTlsItTrustsTheConfiguredCaAndRefusesAServerItCannotVerify() {
        try (MosquittoServer secure = MosquittoServer.startTls()) {
            String topic = "kedge/tls/reading";
            Set<String> kept = ConcurrentHashMap.newKeySet();
            MqttSubscriber.MessageHandler keep = keepingIn(kept);
            MqttSubscriber.Settings verified = settings(secure, topic, "bridge-tls", 16, Optional.empty(),
                    Optional.empty(), true, Optional.of(secure.caCertificate()));
            try (MqttSubscriber bridge = MqttSubscriber.start(vertx, verified, keep)) {
                Poll.until("subscribed over TLS", WAIT, () -> bridge.stats().connected());
                publishOverTls(secure, topic, "over-tls");
                Poll.until("the message over TLS", WAIT, Duration.ofMillis(50), () -> kept.contains("over-tls"),
                        () -> bridge.stats().toString());
            }

            // Without the CA the JVM's trust store does not know the server's certificate: no connection.
            MqttSubscriber.Settings unverified = settings(secure, topic, "bridge-tls-2", 16, Optional.empty(),
                    Optional.empty(), true, Optional.empty());
            try (MqttSubscriber bridge = MqttSubscriber.start(vertx, unverified, keep)) {
                Poll.until("two failed attempts", WAIT, () -> bridge.stats().failures() >= 2);
                assertThat(bridge.stats().connects()).isZero();
            }
        }
    }

    /** Publishes one QoS 1 message over TLS, trusting the server's CA. */
    private static void publishOverTls(MosquittoServer server, String topic, String message) {
        try (QosOnePublisher gateway = new QosOnePublisher("127.0.0.1", server.port(), "gateway-tls", options -> {
            options.setSsl(true);
            options.setHostnameVerificationAlgorithm("HTTPS");
            options.setTrustOptions(new PemTrustOptions().addCertPath(server.caCertificate().toString()));
        })) {
            gateway.publish(topic, message);
        }
    }

    @Test
    void withCredentialsItIsAdmittedAndWithAWrongPasswordItIsNot() {
        try (MosquittoServer guarded = MosquittoServer.startWithPassword("bridge", "s3cret")) {
            String topic = "kedge/auth/reading";
            Set<String> kept = ConcurrentHashMap.newKeySet();
            MqttSubscriber.MessageHandler keep = keepingIn(kept);
            MqttSubscriber.Settings admitted = settings(guarded, topic, "bridge-auth", 16, Optional.of("bridge"),
                    Optional.of("s3cret"), false, Optional.empty());
            try (MqttSubscriber bridge = MqttSubscriber.start(vertx, admitted, keep)) {
                Poll.until("subscribed with credentials", WAIT, () -> bridge.stats().connected());
                try (QosOnePublisher gateway = new QosOnePublisher("127.0.0.1", guarded.port(), "gateway-auth", options -> {
                    options.setUsername("bridge");
                    options.setPassword("s3cret");
                })) {
                    gateway.publish(topic, "authorised");
                }
                Poll.until("the message", WAIT, Duration.ofMillis(50), () -> kept.contains("authorised"),
                        () -> bridge.stats().toString());
            }

            MqttSubscriber.Settings refused = settings(guarded, topic, "bridge-auth-2", 16, Optional.of("bridge"),
                    Optional.of("wrong"), false, Optional.empty());
            try (MqttSubscriber bridge = MqttSubscriber.start(vertx, refused, keep)) {
                Poll.until("two refused attempts", WAIT, () -> bridge.stats().failures() >= 2);
                assertThat(bridge.stats().connects()).isZero();
            }
        }
    }

    @Test
    void itReconnectsWhenMosquittoRestartsAndTakesWhatWasPublishedMeanwhile() {
        String topic = "kedge/restart/reading";
        Set<String> kept = ConcurrentHashMap.newKeySet();
        MqttSubscriber.MessageHandler keep = keepingIn(kept);
        try (MqttSubscriber bridge = MqttSubscriber.start(vertx, settings("bridge-restart", topic, 16), keep)) {
            Poll.until("subscribed", WAIT, () -> bridge.stats().connected());
            publish(topic, 10);
            Poll.until("ten kept", WAIT, Duration.ofMillis(50), () -> kept.size() == 10, kept::toString);

            mosquitto.restart();
            publish(topic, 20); // republishes m0..m9 too: the same payloads, the same set

            Poll.until("twenty kept after the restart", WAIT, Duration.ofMillis(50), () -> kept.size() == 20, () -> bridge.stats().toString());
            assertThat(bridge.stats().connects()).as("connections, the first and after the restart").isGreaterThanOrEqualTo(2);
        }
    }
}
