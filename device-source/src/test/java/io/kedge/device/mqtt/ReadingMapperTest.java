package io.kedge.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Reading;
import io.kedge.contract.data.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies that gateway payloads of each preset become readings, and that what cannot be one says why. */
class ReadingMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-27T10:15:31.500Z");
    private static final String TOPIC = "kedge/pi-garden/reading";

    private static ReadingMapper mapper(PayloadMapping.Preset preset) {
        return new ReadingMapper(preset.mapping("unknown", Optional.empty(), OptionalInt.of(1)));
    }

    private static MappingResult map(PayloadMapping.Preset preset, String json) {
        return mapper(preset).map(TOPIC, json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    static Stream<Arguments> gatewayPayloads() {
        return Stream.of(
                Arguments.of(PayloadMapping.Preset.FLAT,
                        "{\"deviceId\":\"lora-7\",\"location\":\"garden\",\"sensor\":\"dht22\",\"temperature\":21.5,"
                                + "\"humidity\":40,\"time\":\"2026-11-27T11:15:30+01:00\"}",
                        new Reading("lora-7", "garden", "dht22", 21.5, 40.0, null, "2026-11-27T10:15:30Z")),
                Arguments.of(PayloadMapping.Preset.CHIRPSTACK,
                        "{\"deduplicationId\":\"3d1c\",\"time\":\"2026-11-27T10:15:30.123456Z\","
                                + "\"deviceInfo\":{\"tenantName\":\"kedge\",\"applicationName\":\"climate\","
                                + "\"deviceProfileName\":\"am2302\",\"deviceName\":\"field-3\",\"devEui\":\"0004a30b001c0530\","
                                + "\"tags\":{\"location\":\"greenhouse\",\"sensor\":\"dht22\"}},"
                                + "\"fPort\":2,\"data\":\"AQID\",\"object\":{\"temperature\":18.2,\"humidity\":71.5}}",
                        new Reading("field-3", "greenhouse", "dht22", 18.2, 71.5, null, "2026-11-27T10:15:30.123456Z")),
                Arguments.of(PayloadMapping.Preset.TTN,
                        "{\"end_device_ids\":{\"device_id\":\"ttn-node-1\",\"dev_eui\":\"70B3D57ED005A1B2\"},"
                                + "\"received_at\":\"2026-11-27T10:15:30.5Z\",\"uplink_message\":{\"f_port\":1,"
                                + "\"decoded_payload\":{\"temperature\":-3.5,\"humidity\":88,\"pressure\":1002.1}}}",
                        new Reading("ttn-node-1", null, "unknown", -3.5, 88.0, 1002.1, "2026-11-27T10:15:30.500Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gatewayPayloads")
    void eachPresetMapsItsGatewaysPayload(PayloadMapping.Preset preset, String json, Reading expected) {
        assertThat(map(preset, json)).isEqualTo(new MappingResult.Mapped(expected));
    }

    @Test
    void withoutDeviceIdOrTimeTheTopicAndTheReceiveTimeStandIn() {
        MappingResult result = map(PayloadMapping.Preset.FLAT, "{\"temperature\":21.5,\"humidity\":40}");

        assertThat(result).isEqualTo(new MappingResult.Mapped(
                new Reading("pi-garden", null, "unknown", 21.5, 40.0, null, "2026-11-27T10:15:31.500Z")));
    }

    @Test
    void aSingleFieldCanBeMovedOnTopOfAPreset() {
        ReadingMapper mapper = new ReadingMapper(PayloadMapping.Preset.CHIRPSTACK
                .mapping("dht11", Optional.of("field"), OptionalInt.empty())
                .withDeviceId(PayloadMapping.pointer("/deviceInfo/devEui")));

        MappingResult result = mapper.map("application/1/device/x/event/up",
                "{\"deviceInfo\":{\"devEui\":\"0004a30b001c0530\"},\"object\":{\"temperature\":20}}"
                        .getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(result).isEqualTo(new MappingResult.Mapped(
                new Reading("0004a30b001c0530", "field", "dht11", 20.0, null, null, "2026-11-27T10:15:31.500Z")));
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("not JSON at all", "temperature=21.5", ReadingMapper.NOT_JSON, ""),
                Arguments.of("a JSON array", "[21.5, 40]", ReadingMapper.WRONG_TYPE, ""),
                Arguments.of("a temperature as text", "{\"temperature\":\"21.5\"}", ReadingMapper.WRONG_TYPE, "/temperature"),
                Arguments.of("a device id as a number", "{\"deviceId\":7,\"temperature\":1}", ReadingMapper.WRONG_TYPE, "/deviceId"),
                Arguments.of("a zone-less time", "{\"temperature\":1,\"time\":\"2026-11-27T10:15:30\"}",
                        ReadingMapper.TIME_WITHOUT_ZONE, "/time"),
                Arguments.of("a time that is no time", "{\"temperature\":1,\"time\":\"yesterday\"}",
                        ReadingMapper.INVALID_TIME, "/time"),
                Arguments.of("an epoch number as time", "{\"temperature\":1,\"time\":1764238530}",
                        ReadingMapper.WRONG_TYPE, "/time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void whatCannotBeAReadingSaysWhyWithTheFieldAndTheValue(String name, String payload, String code, String field) {
        MappingResult result = map(PayloadMapping.Preset.FLAT, payload);

        assertThat(result).isInstanceOfSatisfying(MappingResult.Malformed.class, malformed -> {
            assertThat(malformed.violations()).extracting(Violation::code, Violation::field).contains(
                    org.assertj.core.groups.Tuple.tuple(code, field));
            assertThat(malformed.original()).isNotNull();
            assertThat(malformed.deviceId()).as("the topic still names the device").isEqualTo("pi-garden");
        });
    }

    @Test
    void everyViolationIsCollectedNotJustTheFirst() {
        MappingResult result = map(PayloadMapping.Preset.FLAT,
                "{\"temperature\":\"hot\",\"humidity\":true,\"time\":\"2026-11-27T10:15:30\"}");

        assertThat(((MappingResult.Malformed) result).violations()).extracting(Violation::field)
                .containsExactly("/temperature", "/humidity", "/time");
    }

    @Test
    void noDeviceAnywhereIsAMissingField() {
        ReadingMapper mapper = new ReadingMapper(PayloadMapping.Preset.FLAT
                .mapping("unknown", Optional.empty(), OptionalInt.empty()));

        MappingResult result = mapper.map("sensors", "{\"temperature\":1}".getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(((MappingResult.Malformed) result).violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ReadingMapper.MISSING_FIELD);
            assertThat(v.field()).isEqualTo("/deviceId");
        });
    }

    @Test
    void aPointerThatIsNoPointerIsRefusedQuotingIt() {
        assertThatThrownBy(() -> PayloadMapping.pointer("object.temperature"))
                .hasMessageContaining("\"object.temperature\"");
    }
}
