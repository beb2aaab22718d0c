package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Verifies that data is bound as the contract's schemas read it: exact member names, each value of
 * its own JSON type. Funqy's lenient binding took text for numbers and numbers for device ids.
 */
class CheckedDataTest {

    private static final ObjectMapper STRICT = CheckedData.strictBinding(new ObjectMapper());

    private static <T> T bind(String json, Class<T> type) throws IOException {
        JsonNode tree = JsonData.parse(json.getBytes(StandardCharsets.UTF_8));
        return STRICT.readerFor(type).readValue(tree);
    }

    @Test
    void contractDataBindsWithAnIntegerForADecimalAndUnknownMembersIgnored() throws IOException {
        ValidatedReading reading = bind("{\"deviceId\":\"pi-a\",\"temperature\":21,\"humidity\":45.5,"
                + "\"time\":\"2026-11-27T10:15:30Z\",\"quality\":[],\"addedLater\":{\"x\":1}}", ValidatedReading.class);

        assertThat(reading.deviceId()).isEqualTo("pi-a");
        assertThat(reading.temperature()).isEqualTo(21.0);
        assertThat(reading.humidity()).isEqualTo(45.5);
    }

    @Test
    void membersMatchOnlyByTheirExactName() throws IOException {
        ValidatedReading reading = bind("{\"deviceId\":\"pi-a\",\"DeviceId\":\"pi-b\",\"temperature\":20.5,"
                + "\"Temperature\":99.5}", ValidatedReading.class);

        assertThat(reading.deviceId()).isEqualTo("pi-a");
        assertThat(reading.temperature()).isEqualTo(20.5);
    }

    @ParameterizedTest(name = "temperature {0} is refused")
    @ValueSource(strings = {"\"21.5\"", "\"\"", "true", "\"NaN-ish\""})
    void aNumberSentAsAnotherKindOfValueIsRefused(String value) {
        assertThatThrownBy(() -> bind("{\"deviceId\":\"pi-a\",\"temperature\":" + value + "}", ValidatedReading.class))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "deviceId {0} is refused")
    @ValueSource(strings = {"42", "4.2", "Infinity", "NaN", "false"})
    void aTextSentAsAnotherKindOfValueIsRefused(String value) {
        assertThatThrownBy(() -> bind("{\"deviceId\":" + value + "}", ValidatedReading.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anAlertThresholdSentAsEmptyTextIsRefusedNamingTheMember() {
        IOException refused = catchThrowableOfType(IOException.class, () -> bind("{\"rule\":\"r\",\"threshold\":\"\"}", Alert.class));

        assertThat(CheckedData.reason(refused)).startsWith("member 'threshold': ").doesNotContain("CoercionConfig");
    }
}
