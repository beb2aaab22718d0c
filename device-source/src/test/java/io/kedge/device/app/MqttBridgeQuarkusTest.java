package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.RejectedReading;
import io.kedge.device.mqtt.MqttBridge;
import io.kedge.testkit.QosOnePublisher;
import io.kedge.testkit.MosquittoResource;
import io.kedge.testkit.MosquittoServer;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies the MQTT bridge against a real Mosquitto (persistent): gateway messages reach the sink
 * as reading events, malformed ones as rejected events, and a Mosquitto restart in the middle of
 * a stream loses nothing.
 */
@QuarkusTest
@TestProfile(MqttBridgeProfile.class)
@WithTestResource(value = MosquittoResource.class, initArgs = {
        @ResourceArg(name = "host-property", value = "kedge.device.mqtt.host"),
        @ResourceArg(name = "port-property", value = "kedge.device.mqtt.port")})
@WithTestResource(RecordingSinkResource.class)
class MqttBridgeQuarkusTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Inject
    MqttBridge bridge;

    @Inject
    MqttBridgeRunner runner;

    private QosOnePublisher gateway;

    @BeforeEach
    void connectGateway() {
        MosquittoServer mosquitto = MosquittoResource.server();
        gateway = new QosOnePublisher("127.0.0.1", mosquitto.port(), "test-gateway");
    }

    @AfterEach
    void disconnectGateway() {
        gateway.close();
    }

    private static String reading(int i) {
        return "{\"temperature\":" + (20 + i % 10) + ",\"humidity\":50,\"time\":\"" + T0.plusSeconds(i) + "\"}";
    }

    private static String id(String device, int i) {
        return ReadingIds.of(device, "dht22", T0.plusSeconds(i));
    }

    private static Set<String> deliveredIds(String type) {
        return RecordingSinkResource.sink().acceptedEvents().stream()
                .filter(e -> e.getType().equals(type))
                .map(CloudEvent::getId)
                .collect(Collectors.toSet());
    }

    @Test
    void aGatewayReadingArrivesAsAReadingEventOfItsDevice() {
        gateway.publish("kedge/lora-1/reading", reading(0));

        Poll.until("the reading at the sink", WAIT, () -> deliveredIds(EventTypes.READING).contains(id("lora-1", 0)));
        CloudEvent event = RecordingSinkResource.sink().acceptedEvents().stream()
                .filter(e -> e.getId().equals(id("lora-1", 0))).findFirst().orElseThrow();
        assertThat(event.getSource()).hasToString("/devices/lora-1");
        Reading reading = EventData.read(event, Reading.class);
        assertThat(reading.sensor()).isEqualTo("dht22");
        assertThat(reading.temperature()).isEqualTo(20.0);
    }

    @Test
    void aMalformedPayloadIsReportedAsRejectedAndTheBridgeCarriesOn() {
        long rejectedBefore = bridge.stats().rejected();

        gateway.publish("kedge/lora-2/reading", "{\"temperature\":\"warm\"}");
        gateway.publish("kedge/lora-2/reading", "this is not json");
        gateway.publish("kedge/lora-2/reading", reading(1));

        Poll.until("the valid reading behind the bad ones", WAIT,
                () -> deliveredIds(EventTypes.READING).contains(id("lora-2", 1)));
        List<RejectedReading> rejected = RecordingSinkResource.sink().acceptedEvents().stream()
                .filter(e -> e.getType().equals(EventTypes.READING_REJECTED))
                .filter(e -> e.getSource().toString().equals("/devices/lora-2"))
                .map(e -> EventData.read(e, RejectedReading.class))
                .toList();
        assertThat(rejected).extracting(r -> r.violations().get(0).code()).contains("wrong_type", "not_json");
        assertThat(bridge.stats().rejected() - rejectedBefore).as("each counted once, unless the gateway had to resend")
                .isBetween(2L, 2L + gateway.retries());
        given().when().get("/status").then()
                .statusCode(200)
                .body("mqtt.topic", equalTo("kedge/+/reading"))
                .body("mqtt.rejected", greaterThanOrEqualTo(2))
                .body("mqtt.connected", equalTo(true));
        given().when().get("/q/health/well").then()
                .statusCode(200)
                .body("checks.find { it.name == 'mqtt-bridge' }.status", equalTo("UP"));
    }

    @Test
    void aMosquittoRestartMidStreamLosesNothing() throws InterruptedException {
        // GIVEN a gateway publishing a stream of readings, one every 10 ms
        int count = 300;
        AtomicInteger published = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        pace.scheduleWithFixedDelay(() -> {
            int i = published.get();
            if (i < count) {
                gateway.publish("kedge/lora-3/reading", reading(i));
                published.incrementAndGet();
            } else {
                done.countDown();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        // WHEN Mosquitto restarts while the stream is flowing
        Poll.until("the stream to be under way", WAIT, () -> published.get() >= 100);
        long connectsBefore = runner.subscriber().orElseThrow().stats().connects();
        MosquittoResource.server().restart();
        boolean finished = done.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        pace.shutdownNow();
        assertThat(finished).as("the gateway published everything").isTrue();

        // THEN every reading the broker acknowledged reaches the sink (a redelivery may repeat one, never lose one)
        Set<String> expected = IntStream.range(0, count).mapToObj(i -> id("lora-3", i)).collect(Collectors.toSet());
        Poll.until("all " + count + " readings at the sink", WAIT, Duration.ofMillis(100),
                () -> deliveredIds(EventTypes.READING).containsAll(expected),
                () -> (count - expected.stream().filter(deliveredIds(EventTypes.READING)::contains).count())
                        + " missing; gateway retries " + gateway.retries());
        // The gateway may reconnect between two publishes without a failed one; the bridge cannot
        // keep its subscription across a restart: a second subscription proves the interruption.
        assertThat(runner.subscriber().orElseThrow().stats().connects()).as("the restart did interrupt the stream")
                .isGreaterThanOrEqualTo(connectsBefore + 1);
    }
}
