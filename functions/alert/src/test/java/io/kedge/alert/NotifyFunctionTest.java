package io.kedge.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Alert;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code notify} / {@code notifyResolved} over HTTP as the broker delivers alert events
 * (binary mode, on {@code /}: Funqy routes CloudEvents by type, whatever the path), posting to a
 * real HTTP server standing in for the webhook.
 */
@QuarkusTest
@QuarkusTestResource(value = RecordingWebhook.class, restrictToAnnotatedClass = true)
class NotifyFunctionTest {

    static final Alert FIRED = new Alert("temperature-high", "warning", "pi-notify", "livingroom", "temperature",
            31.5, 30.0, "2026-11-28T10:15:00Z", null, "fp-notify");
    static final Alert RESOLVED = new Alert("temperature-high", "warning", "pi-notify", "livingroom", "temperature",
            27.5, 28.0, "2026-11-28T10:15:00Z", "2026-11-28T10:20:00Z", "fp-notify");

    @BeforeEach
    void reset() {
        RecordingWebhook.webhook().reset();
    }

    @Test
    void aFiredAlertIsPostedAsTheGenericDocumentAndAnswered204() {
        post("/", alertEvent("fp-notify/fired", EventTypes.ALERT_FIRED, FIRED)).then().statusCode(204);

        assertThat(RecordingWebhook.webhook().requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks/kedge");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.authorization()).isEqualTo("Bearer " + RecordingWebhook.TOKEN);
            assertThat(request.body()).isEqualTo("{\"status\":\"firing\",\"rule\":\"temperature-high\",\"severity\":\"warning\","
                    + "\"deviceId\":\"pi-notify\",\"location\":\"livingroom\",\"metric\":\"temperature\",\"value\":31.5,"
                    + "\"threshold\":30.0,\"startsAt\":\"2026-11-28T10:15:00Z\",\"endsAt\":null,"
                    + "\"fingerprint\":\"fp-notify\",\"eventId\":\"fp-notify/fired\"}");
        });
    }

    @Test
    void aResolvedAlertIsPostedWithItsEnd() {
        post("/", alertEvent("fp-notify/resolved", EventTypes.ALERT_RESOLVED, RESOLVED)).then().statusCode(204);

        assertThat(RecordingWebhook.webhook().requests()).singleElement().satisfies(request ->
                assertThat(request.body()).isEqualTo("{\"status\":\"resolved\",\"rule\":\"temperature-high\","
                        + "\"severity\":\"warning\",\"deviceId\":\"pi-notify\",\"location\":\"livingroom\","
                        + "\"metric\":\"temperature\",\"value\":27.5,\"threshold\":28.0,"
                        + "\"startsAt\":\"2026-11-28T10:15:00Z\",\"endsAt\":\"2026-11-28T10:20:00Z\","
                        + "\"fingerprint\":\"fp-notify\",\"eventId\":\"fp-notify/resolved\"}"));
    }

    @Test
    void aWebhookFailingWith500IsAnswered503SoTheBrokerRetries() {
        RecordingWebhook.webhook().answer(500, "database down");

        post("/", alertEvent("fp-500/fired", EventTypes.ALERT_FIRED, FIRED)).then()
                .statusCode(503)
                .body("error", equalTo("notification webhook unavailable"))
                .body("problems[0]", containsString("answered 500"));
        assertThat(RecordingWebhook.webhook().requests()).hasSize(1);
    }

    @Test
    void aWebhookRateLimitingIsAnswered503() {
        RecordingWebhook.webhook().answer(429, "slow down");

        post("/", alertEvent("fp-429/fired", EventTypes.ALERT_FIRED, FIRED)).then().statusCode(503);
    }

    @Test
    void aWebhookRefusingWith400IsAnswered422WithItsStatusAndBody() {
        RecordingWebhook.webhook().answer(400, "{\"error\":\"unknown field status\"}");

        post("/", alertEvent("fp-400/resolved", EventTypes.ALERT_RESOLVED, RESOLVED)).then()
                .statusCode(422)
                .body("error", equalTo("notification refused"))
                .body("problems[0]", containsString("answered 400"))
                .body("problems[0]", containsString("unknown field status"));
    }

    @Test
    void anAlertEventWhoseDataIsNoAlertIsRefused422AndNothingIsSent() {
        HttpMessage event = alertEvent("bad/fired", EventTypes.ALERT_FIRED, FIRED);
        post("/", new HttpMessage(event.headers(), "[1,2]".getBytes(java.nio.charset.StandardCharsets.UTF_8))).then()
                .statusCode(422)
                .body("problems[0]", containsString("not an alert"));
        assertThat(RecordingWebhook.webhook().requests()).isEmpty();
    }

    @Test
    void readingsAndTicksStillReachTheAlertFunctions() {
        post("/", Events.validated(Events.reading("pi-notify-reading", "livingroom", 0, 21.0, 45.0))).then().statusCode(204);
        // A tick may announce no-data for other tests' devices: the reply is the alert function's either way.
        post("/", Events.tick("tick-notify", Events.BASE)).then().statusCode(anyOf(equalTo(200), equalTo(204)));

        assertThat(RecordingWebhook.webhook().requests()).isEmpty();
    }

    static HttpMessage alertEvent(String id, String type, Alert alert) {
        return CloudEventHttp.binary(CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/functions/alert"))
                .withType(type)
                .withSubject(alert.deviceId())
                .withTime(OffsetDateTime.parse("2026-11-28T10:15:00Z"))
                .withExtension("severity", alert.severity())
                .withDataContentType("application/json")
                .withData(EventData.toJson(alert))
                .build());
    }

    static Response post(String path, HttpMessage message) {
        return given().headers(message.headers()).body(message.body()).post(path);
    }
}
