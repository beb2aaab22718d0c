package io.kedge.device.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import io.kedge.device.RecordingSink;
import io.kedge.testkit.FreePorts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies that reading events reach a real HTTP server in binary mode, as a Knative broker accepts them. */
class HttpEventSenderTest {

    private static final Reading KITCHEN_PLUS_TWO = Readings.dht11("pi-kitchen", "kitchen", 22.4, 41.0,
            "2026-11-27T12:15:30.250+02:00");

    private final RecordingSink sink = RecordingSink.start();

    @AfterEach
    void stopSink() {
        sink.close();
    }

    private HttpEventSender sender(String overrides) {
        return new HttpEventSender(URI.create(sink.url()), CeOverrides.parse(overrides), Duration.ofSeconds(5));
    }

    @Test
    void postsOneBinaryModeEventWithEveryRequiredHeader() {
        SendOutcome outcome = sender(null).send(ReadingEvents.of(KITCHEN_PLUS_TWO));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.DELIVERED);
        assertThat(outcome.status()).isEqualTo(202);
        assertThat(sink.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(RecordingSink.PATH);
            assertThat(request.message().header("ce-specversion")).isEqualTo("1.0");
            assertThat(request.message().header("ce-type")).isEqualTo(EventTypes.READING);
            assertThat(request.message().header("ce-source")).isEqualTo("/devices/pi-kitchen");
            assertThat(request.message().header("ce-subject")).isEqualTo("dht11");
            assertThat(request.message().header("ce-id")).isEqualTo(ReadingIds.of("pi-kitchen", "dht11",
                    Instant.parse("2026-11-27T10:15:30.250Z")));
            assertThat(request.message().header("ce-time")).as("sample time in UTC").isEqualTo("2026-11-27T10:15:30.25Z");
            assertThat(request.message().contentType()).isEqualTo("application/json");
            assertThat(request.message().header("ce-datacontenttype")).as("binary mode uses Content-Type").isNull();
            assertThat(EventData.read(request.message().body(), Reading.class)).isEqualTo(KITCHEN_PLUS_TWO);
        });
    }

    @Test
    void whatArrivesDecodesStrictlyAsTheSameEvent() {
        sender(null).send(ReadingEvents.of(KITCHEN_PLUS_TWO));

        CloudEvent event = sink.requests().get(0).event();

        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-27T10:15:30.250Z"));
        assertThat(event.getTime().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(EventData.read(event, Reading.class)).isEqualTo(KITCHEN_PLUS_TWO);
    }

    @Test
    void sameReadingSentTwiceIsTheSameEventId() {
        HttpEventSender sender = sender(null);
        sender.send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));
        sender.send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(sink.requests()).extracting(r -> r.message().header("ce-id")).containsExactly(
                ReadingIds.of("pi-livingroom", "dht11", Instant.parse(Readings.SAMPLE_TIME)),
                ReadingIds.of("pi-livingroom", "dht11", Instant.parse(Readings.SAMPLE_TIME)));
    }

    @Test
    void sinkBindingOverridesBecomeExtensionHeaders() {
        sender("{\"extensions\":{\"site\":\"plant-1\",\"fwrev\":42}}").send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(sink.requests()).singleElement().satisfies(request -> {
            assertThat(request.message().header("ce-site")).isEqualTo("plant-1");
            assertThat(request.message().header("ce-fwrev")).isEqualTo("42");
            assertThat(request.event().getExtension("site")).isEqualTo("plant-1");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 408, 409, 429, 500, 502, 503, 401})
    void sinkTroubleIsWorthRetrying(int status) {
        sink.answerNext(status);

        SendOutcome outcome = sender(null).send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
        assertThat(outcome.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413, 415, 422})
    void aRefusedEventIsNotRetried(int status) {
        sink.answerNext(status);

        SendOutcome outcome = sender(null).send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.REJECTED);
        assertThat(outcome.detail()).contains(String.valueOf(status));
    }

    @Test
    void retryAfterInSecondsIsPassedOn() {
        assertThat(HttpEventSender.classify(429, Optional.of("7")).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(HttpEventSender.classify(503, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")).retryAfter()).isEmpty();
    }

    @Test
    void nobodyListeningIsWorthRetrying() {
        HttpEventSender sender = new HttpEventSender(URI.create("http://127.0.0.1:" + FreePorts.next() + "/kedge/default"),
                CeOverrides.NONE, Duration.ofSeconds(2));

        SendOutcome outcome = sender.send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.detail()).contains("ConnectException");
    }

    @Test
    void sendingAsynchronouslyGivesTheSameOutcomes() {
        HttpEventSender sender = sender(null);
        sink.answerNext(503, 400);

        SendOutcome retry = sender.sendAsync(ReadingEvents.of(Readings.DHT11_LIVINGROOM)).join();
        SendOutcome refused = sender.sendAsync(ReadingEvents.of(Readings.DHT11_LIVINGROOM)).join();
        SendOutcome delivered = sender.sendAsync(ReadingEvents.of(KITCHEN_PLUS_TWO)).join();

        assertThat(retry.result()).isEqualTo(SendOutcome.Result.RETRY);
        assertThat(retry.status()).isEqualTo(503);
        assertThat(refused.result()).isEqualTo(SendOutcome.Result.REJECTED);
        assertThat(delivered.result()).isEqualTo(SendOutcome.Result.DELIVERED);
        assertThat(sink.acceptedEvents()).singleElement()
                .satisfies(event -> assertThat(EventData.read(event, Reading.class)).isEqualTo(KITCHEN_PLUS_TWO));
    }

    @Test
    void nobodyListeningIsWorthRetryingAsynchronouslyToo() {
        HttpEventSender sender = new HttpEventSender(URI.create("http://127.0.0.1:" + FreePorts.next() + "/kedge/default"),
                CeOverrides.NONE, Duration.ofSeconds(2));

        SendOutcome outcome = sender.sendAsync(ReadingEvents.of(Readings.DHT11_LIVINGROOM)).join();

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.detail()).contains("ConnectException");
    }

    @Test
    void sinkMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> new HttpEventSender(URI.create("/kedge/default"), CeOverrides.NONE, Duration.ofSeconds(1)))
                .hasMessageContaining("\"/kedge/default\"");
        assertThatThrownBy(() -> new HttpEventSender(URI.create("ftp://host/x"), CeOverrides.NONE, Duration.ofSeconds(1)))
                .hasMessageContaining("ftp://host/x");
    }

    @Test
    void bodyIsUtf8Json() {
        sender(null).send(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        assertThat(new String(sink.requests().get(0).message().body(), StandardCharsets.UTF_8))
                .startsWith("{\"deviceId\":\"pi-livingroom\"");
    }
}
