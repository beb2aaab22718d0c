package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Verifies the knativeerror* extensions of a dead-lettered event, as Knative's dispatcher sets them. */
class ErrorExtensionsTest {

    private static final CloudEvent READING = ReadingEvents.of(Readings.DHT11_LIVINGROOM);
    private static final URI SUBSCRIBER = URI.create("http://127.0.0.1:8082/");

    @Test
    void failedAnswerGivesDestinationStatusAndBodyInBase64() {
        DeliveryOutcome.Failed failed = new DeliveryOutcome.Failed(503, "busy",
                "influx unavailable".getBytes(StandardCharsets.UTF_8), null);

        CloudEvent dead = ErrorExtensions.add(READING, SUBSCRIBER, failed);

        assertThat(dead.getExtension("knativeerrordest")).isEqualTo("http://127.0.0.1:8082/");
        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo(503);
        assertThat(new String(Base64.getDecoder().decode((String) dead.getExtension("knativeerrordata")),
                StandardCharsets.UTF_8)).isEqualTo("influx unavailable");
        assertThat(dead.getData()).isEqualTo(READING.getData());
        assertThat(dead.getId()).isEqualTo(READING.getId());
    }

    @Test
    void noResponseIsCode500WithTheTransportError() {
        DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) DeliveryOutcome.noResponse(
                new java.net.ConnectException("Connection refused"));

        CloudEvent dead = ErrorExtensions.add(READING, SUBSCRIBER, failed);

        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo(500);
        assertThat(new String(Base64.getDecoder().decode((String) dead.getExtension("knativeerrordata")),
                StandardCharsets.UTF_8)).isEqualTo("dispatch error: Connection refused");
    }

    @Test
    void errorDataIsCutAt1024Base64Characters() {
        DeliveryOutcome.Failed failed = new DeliveryOutcome.Failed(500, "big", new byte[5000], null);

        CloudEvent dead = ErrorExtensions.add(READING, SUBSCRIBER, failed);

        assertThat((String) dead.getExtension("knativeerrordata")).hasSize(1024);
    }

    @Test
    void emptyBodyLeavesErrorDataOut() {
        CloudEvent dead = ErrorExtensions.add(READING, SUBSCRIBER, new DeliveryOutcome.Failed(404, "(empty body)"));

        assertThat(dead.getExtensionNames()).contains("knativeerrordest", "knativeerrorcode")
                .doesNotContain("knativeerrordata");
    }
}
