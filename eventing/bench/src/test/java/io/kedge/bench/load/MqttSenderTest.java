package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.MosquittoServer;
import io.kedge.testkit.Poll;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the benchmark's MQTT gateways against a real Mosquitto: every message is answered once
 * Mosquitto acknowledged it (PUBACK), and a subscriber at QoS 1 receives each one.
 */
class MqttSenderTest {

    private static MosquittoServer mosquitto;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        mosquitto = MosquittoServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        mosquitto.close();
    }

    @Test
    void everyPublishIsAnsweredAtItsPubackAndReachesASubscriber() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        MqttClient subscriber = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-subscriber"));
        subscriber.publishHandler(message -> received.add(message.payload().toString(StandardCharsets.UTF_8)));
        subscriber.connect(mosquitto.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        subscriber.subscribe("kedge/+/reading", MqttQoS.AT_LEAST_ONCE.value())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        // below Mosquitto's default max_queued_messages (1,000) per subscriber, beyond which it drops QoS 1 messages
        List<CompletableFuture<SendResult>> answers = new ArrayList<>();
        try (MqttSender sender = new MqttSender(vertx, "127.0.0.1", mosquitto.port(), 2, "test-gateway", Duration.ofSeconds(30))) {
            for (int i = 0; i < 800; i++) {
                answers.add(sender.send(MqttSender.message("kedge/dev-" + (i % 8) + "/reading",
                        ("reading " + i).getBytes(StandardCharsets.UTF_8), Map.of())).toCompletableFuture());
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(200));
        Poll.until("800 messages at the subscriber", Duration.ofSeconds(30), () -> received.size() == 800);
        subscriber.disconnect();
    }

    @Test
    void aMessageWithoutATopicIsRefusedBeforeItIsSent() {
        try (MqttSender sender = new MqttSender(vertx, "127.0.0.1", mosquitto.port(), 1, "test-no-topic", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sender.send(new HttpMessage(Map.of("ce-id", "1"), new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MqttSender.TOPIC);
        }
    }
}
