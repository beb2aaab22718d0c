package io.kedge.fuzz.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointShapeTest {

    private static PointShape reading(String json) {
        return PointShape.reading(Events.json(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aValidatedReadingIsItsPoint() {
        PointShape point = reading("{\"deviceId\":\"pi-kitchen\",\"location\":\"kitchen\",\"temperature\":21.5,"
                + "\"humidity\":45,\"time\":\"2026-11-28T10:15:30.123+01:00\"}");
        assertThat(point.problem()).isNull();
        assertThat(point.tags()).containsEntry("device", "pi-kitchen").containsEntry("location", "kitchen");
        assertThat(point.fields()).containsEntry("temperature", 21.5).containsEntry("humidity", 45.0);
        assertThat(point.millis()).isEqualTo(java.time.Instant.parse("2026-11-28T09:15:30.123Z").toEpochMilli());
    }

    @Test
    void valuesOutsideTheContractAreNoPoint() {
        assertThat(reading("{\"deviceId\":\"pi\",\"temperature\":\"21.5\",\"time\":\"2026-11-28T10:15:30Z\"}").problem())
                .contains("temperature is no JSON number");
        assertThat(reading("{\"deviceId\":\"pi\\nx\",\"temperature\":1,\"time\":\"2026-11-28T10:15:30Z\"}").problem())
                .contains("deviceId");
        assertThat(reading("{\"deviceId\":7,\"temperature\":1,\"time\":\"2026-11-28T10:15:30Z\"}").problem())
                .contains("deviceId is no string");
        assertThat(reading("{\"deviceId\":\"pi\",\"temperature\":NaN,\"time\":\"2026-11-28T10:15:30Z\"}").problem())
                .contains("not finite");
        assertThat(reading("{\"deviceId\":\"pi\",\"temperature\":1,\"time\":\"2026-11-28T10:15:30\"}").problem())
                .contains("time");
        assertThat(reading("{\"deviceId\":\"pi\",\"time\":\"2026-11-28T10:15:30Z\"}").problem()).contains("no temperature");
    }

    @Test
    void anEmptyLocationIsNoTag() {
        assertThat(reading("{\"deviceId\":\"pi\",\"location\":\"\",\"humidity\":40,\"time\":\"2026-11-28T10:15:30Z\"}").tags())
                .containsOnlyKeys("device");
    }

    @Test
    void aResolvedAlertIsStoredAtItsEnd() {
        PointShape point = PointShape.alert(Events.json(("{\"rule\":\"r\",\"severity\":\"warning\",\"deviceId\":\"pi\","
                + "\"startsAt\":\"2026-11-28T10:00:00Z\",\"endsAt\":\"2026-11-28T10:05:00Z\",\"value\":1}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
        assertThat(point.problem()).isNull();
        assertThat(point.millis()).isEqualTo(java.time.Instant.parse("2026-11-28T10:05:00Z").toEpochMilli());
        assertThat(point.fields()).containsEntry("state", "resolved").containsEntry("value", 1.0);
    }
}
