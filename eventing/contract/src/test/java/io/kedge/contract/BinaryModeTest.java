package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryModeTest {

    private static Map<String, String> minimalHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Ce-Id", "r-1");
        headers.put("Ce-Specversion", "1.0");
        headers.put("Ce-Type", EventTypes.READING);
        headers.put("Ce-Source", "/devices/pi-01");
        headers.put("Content-Type", "application/json");
        return headers;
    }

    @Test
    void headerNamesAreCaseInsensitiveAndContentTypeBecomesDataContentType() {
        CloudEvent event = CloudEventHttp.decode(new HttpMessage(minimalHeaders(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(event.getId()).isEqualTo("r-1");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void valuesArePercentEncodedAsTheHttpBindingPrescribes() {
        CloudEvent event = CloudEventBuilder.v1()
                .withId("id")
                .withSource(URI.create("/s"))
                .withType("t")
                .withSubject("Euro € 😀")
                .build();

        HttpMessage message = CloudEventHttp.binary(event);

        assertThat(message.header("ce-subject")).isEqualTo("Euro%20%E2%82%AC%20%F0%9F%98%80");
        assertThat(CloudEventHttp.decode(message).getSubject()).isEqualTo("Euro € 😀");
    }

    @Test
    void extraHeadersGoAlongAndTheEventsOwnHeadersWin() {
        CloudEvent event = CloudEventBuilder.v1().withId("id").withSource(URI.create("/s")).withType("t")
                .withData("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build();

        HttpMessage message = CloudEventHttp.binary(event, Map.of("Prefer", "reply", "CE-ID", "not-the-id"));

        assertThat(message.header("prefer")).isEqualTo("reply");
        assertThat(message.header("ce-id")).isEqualTo("id");
        assertThat(message.headers()).hasSize(CloudEventHttp.binary(event).headers().size() + 1);
        assertThat(CloudEventHttp.decode(message).getId()).isEqualTo("id");
    }

    @Test
    void lowerCaseEscapesAndQuotedStringsFromOlderSendersAreAccepted() {
        Map<String, String> headers = minimalHeaders();
        headers.put("ce-subject", "\"caf%c3%a9\"");

        assertThat(CloudEventHttp.decode(new HttpMessage(headers, null)).getSubject()).isEqualTo("café");
    }

    @Test
    void overlongUtf8EscapeIsRejected() {
        Map<String, String> headers = minimalHeaders();
        headers.put("ce-subject", "a%C0%A0b");

        assertThatThrownBy(() -> CloudEventHttp.decode(new HttpMessage(headers, null)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void plainRequestWithoutCloudEventHeadersSaysSo() {
        assertThatThrownBy(() -> CloudEventHttp.decode(new HttpMessage(Map.of("content-type", "application/json"), "{}".getBytes())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no 'ce-specversion' header");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-time", "yesterday");

        assertThatThrownBy(() -> CloudEventHttp.decode(new HttpMessage(headers, null)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("'id'"))
                        .anyMatch(p -> p.contains("'source'"))
                        .anyMatch(p -> p.contains("'type'"))
                        .anyMatch(p -> p.contains("\"yesterday\"")));
    }

    @Test
    void batchedModeIsRefusedWithAReason() {
        assertThatThrownBy(() -> CloudEventHttp.decode(new HttpMessage(Map.of("content-type", CloudEventHttp.BATCH_JSON), "[]".getBytes())))
                .hasMessageContaining("batched mode");
    }
}
