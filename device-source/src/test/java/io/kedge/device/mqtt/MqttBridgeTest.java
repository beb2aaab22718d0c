package io.kedge.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.RejectedReading;
import io.kedge.device.CollectingForwarder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Verifies what the bridge hands the forwarder: reading events, and rejected events for what cannot be one. */
class MqttBridgeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:31Z");

    private final CollectingForwarder forwarder = new CollectingForwarder();
    private final MqttBridge bridge = new MqttBridge(new ReadingMapper(PayloadMapping.Preset.FLAT
            .mapping("dht22", Optional.empty(), OptionalInt.of(1))), forwarder, Clock.fixed(NOW, ZoneOffset.UTC));

    private void publish(String topic, String payload) {
        bridge.handle(topic, payload.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
    }

    @Test
    void aReadingBecomesTheSameEventADeviceWouldSend() {
        publish("kedge/lora-7/reading", "{\"temperature\":21.5,\"humidity\":40,\"time\":\"2026-11-27T10:15:30Z\"}");

        CloudEvent event = forwarder.events().get(0);
        assertThat(event.getType()).isEqualTo(EventTypes.READING);
        assertThat(event.getSource()).hasToString("/devices/lora-7");
        assertThat(event.getId()).isEqualTo(ReadingIds.of("lora-7", "dht22", Instant.parse("2026-11-27T10:15:30Z")));
        assertThat(EventData.read(event, Reading.class).temperature()).isEqualTo(21.5);
        assertThat(bridge.stats()).isEqualTo(new MqttBridge.Stats(1, 0, 0));
    }

    @Test
    void aMalformedPayloadIsReportedAsARejectedEventWithTheOriginal() {
        publish("kedge/lora-7/reading", "{\"temperature\":\"hot\"}");

        CloudEvent event = forwarder.events().get(0);
        assertThat(event.getType()).isEqualTo(EventTypes.READING_REJECTED);
        assertThat(event.getSource()).hasToString("/devices/lora-7");
        assertThat(event.getSubject()).isEqualTo("kedge/lora-7/reading");
        RejectedReading rejected = EventData.read(event, RejectedReading.class);
        assertThat(rejected.original().get("temperature").asText()).isEqualTo("hot");
        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("wrong_type");
            assertThat(v.value()).isEqualTo("\"hot\"");
        });
        assertThat(bridge.stats()).isEqualTo(new MqttBridge.Stats(0, 1, 0));
    }

    @Test
    void theSameMalformedMessageRedeliveredIsTheSameEvent() {
        publish("sensors/raw", "garbage");
        publish("sensors/raw", "garbage");
        publish("sensors/raw", "other garbage");

        java.util.List<String> ids = forwarder.events().stream().map(CloudEvent::getId).toList();
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    }

    @Test
    void aPayloadFromAnUnknownDeviceIsSourcedByItsTopic() {
        publish("gateway", "garbage"); // no topic level 1 to name a device

        assertThat(forwarder.events().get(0).getSource()).hasToString("/mqtt/gateway");
        assertThat(EventData.read(forwarder.events().get(0), RejectedReading.class).original().asText()).isEqualTo("garbage");
    }

    @Test
    void whenTheBufferFailsTheStageFailsSoTheMessageIsNotAcknowledged() {
        CollectingForwarder broken = new CollectingForwarder().failWith(new IllegalStateException("disk full"));
        MqttBridge bridge = new MqttBridge(new ReadingMapper(PayloadMapping.Preset.FLAT
                .mapping("dht22", Optional.empty(), OptionalInt.of(1))), broken, Clock.fixed(NOW, ZoneOffset.UTC));

        var stage = bridge.handle("kedge/lora-7/reading", "{\"temperature\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
        assertThat(bridge.stats().notKept()).isEqualTo(1);
    }
}
