package io.kedge.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.kedge.alert.engine.Fingerprints;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies the function over HTTP, as a Knative Trigger or the local broker delivers events, with
 * the shipped rules, a real InfluxDB for the state and a real HTTP server as {@code K_SINK}.
 * Each test uses devices of its own, since the application (and its state) is shared.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, initArgs = @ResourceArg(name = "url-property", value = "kedge.alert.influx.url"))
@QuarkusTestResource(RecordingBrokerResource.class)
class AlertFunctionTest {

    @Test
    void aReadingThatAnnouncesNothingIsAnswered204WithoutEvent() {
        post(Events.validated(Events.reading("pi-quiet", "livingroom", 0, 21.0, 45.0)))
                .then()
                .statusCode(204)
                .header("ce-type", (String) null);
    }

    @Test
    void aReadingThatFiresIsAnsweredWithTheFiredAlert() {
        post(Events.validated(Events.reading("pi-hot", "livingroom", 0, 29.0, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-hot", "livingroom", 1, 31.0, 45.0))).then().statusCode(204);
        String startsAt = Events.BASE.plus(3, ChronoUnit.MINUTES).toString();
        String fingerprint = Fingerprints.of("temperature-high", "pi-hot");

        Response fired = post(Events.validated(Events.reading("pi-hot", "livingroom", 3, 31.5, 45.0)));

        fired.then()
                .statusCode(200)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.ALERT_FIRED)
                .header("ce-source", "/functions/alert")
                .header("ce-id", fingerprint + "/" + startsAt + "/fired")
                .header("ce-subject", "pi-hot")
                .header("ce-time", startsAt)
                .header("ce-severity", "warning");
        // The strict codec is what the broker applies to replies: Funqy's must pass it.
        CloudEvent reply = CloudEventHttp.decode(messageOf(fired));
        assertThat(EventData.read(reply, Alert.class)).isEqualTo(new Alert("temperature-high", "warning", "pi-hot",
                "livingroom", "temperature", 31.5, 30.0, startsAt, null, fingerprint));

        Response resolved = post(Events.validated(Events.reading("pi-hot", "livingroom", 4, 27.5, 45.0)));

        resolved.then()
                .statusCode(200)
                .header("ce-type", EventTypes.ALERT_RESOLVED)
                .header("ce-id", fingerprint + "/" + startsAt + "/resolved")
                .body("endsAt", equalTo(Events.BASE.plus(4, ChronoUnit.MINUTES).toString()))
                .body("threshold", equalTo(28.0f));
    }

    @Test
    void aRedeliveredReadingIsAnsweredWithTheSameAlertAgain() {
        post(Events.validated(Events.reading("pi-again", "livingroom", 0, 31.0, 45.0))).then().statusCode(204);
        HttpMessage firing = Events.validated(Events.reading("pi-again", "livingroom", 2, 31.0, 45.0));
        String id = post(firing).then().statusCode(200).extract().header("ce-id");

        post(firing).then().statusCode(200).header("ce-id", id).header("ce-type", EventTypes.ALERT_FIRED);
    }

    @Test
    void aReadingFiringTwoRulesRepliesWithTheMostImportantAndSendsTheOtherToTheSink() {
        // frost (critical, 3 readings below 5 °C) and a fall of more than 5 °C (warning) on one reading
        post(Events.validated(Events.reading("pi-cellar", "cellar", 0, 8.0, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-cellar", "cellar", 1, 4.9, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-cellar", "cellar", 2, 4.9, 45.0))).then().statusCode(204);

        Response both = post(Events.validated(Events.reading("pi-cellar", "cellar", 3, 2.9, 45.0)));

        both.then().statusCode(200).header("ce-type", EventTypes.ALERT_FIRED).header("ce-severity", "critical")
                .body("rule", equalTo("temperature-low"));
        assertThat(RecordingBrokerResource.broker().eventsAbout("pi-cellar")).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(EventTypes.ALERT_FIRED);
            assertThat(event.getSource()).hasToString("/functions/alert");
            assertThat(event.getExtension("severity")).isEqualTo("warning");
            assertThat(EventData.read(event, Alert.class)).extracting(Alert::rule, Alert::value, Alert::threshold)
                    .containsExactly("temperature-jump", -5.1, -5.0);
        });
    }

    @Test
    void aTickFiresNoDataForEverySilentDeviceOnceAndTheNextReadingResolvesIt() {
        post(Events.validated(Events.reading("pi-silent-1", "attic", 60, 21.0, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-silent-2", "attic", 60, 21.0, 45.0))).then().statusCode(204);
        java.time.Instant tickTime = Events.BASE.plus(66, ChronoUnit.MINUTES);

        Response tick = post(Events.tick("tick-66", tickTime));
        Response nextTick = post(Events.tick("tick-67", tickTime.plusSeconds(60)));

        // Other tests' devices are known too; whichever is the reply, the rest is at the sink.
        List<CloudEvent> announced = new ArrayList<>(RecordingBrokerResource.broker().events());
        tick.then().statusCode(200);
        announced.add(CloudEventHttp.decode(messageOf(tick)));
        Map<String, String> silent = new LinkedHashMap<>();
        announced.stream()
                .filter(e -> e.getSubject() != null && e.getSubject().startsWith("pi-silent-"))
                .forEach(e -> silent.merge(e.getSubject(), e.getType() + " " + EventData.read(e, Alert.class).rule()
                        + " " + EventData.read(e, Alert.class).startsAt(), (a, b) -> a + " & " + b));
        String startsAt = Events.BASE.plus(65, ChronoUnit.MINUTES).toString();
        assertThat(silent).containsOnly(
                Map.entry("pi-silent-1", EventTypes.ALERT_FIRED + " device-silent " + startsAt),
                Map.entry("pi-silent-2", EventTypes.ALERT_FIRED + " device-silent " + startsAt));
        nextTick.then().statusCode(204);

        post(Events.validated(Events.reading("pi-silent-1", "attic", 68, 21.0, 45.0)))
                .then()
                .statusCode(200)
                .header("ce-type", EventTypes.ALERT_RESOLVED)
                .header("ce-severity", "critical")
                .body("rule", equalTo("device-silent"))
                .body("value", equalTo(480.0f));
    }

    @Test
    void aTickWithNothingToAnnounceIsAnswered204() {
        post(Events.tick("tick-early", Events.BASE.minus(1, ChronoUnit.HOURS))).then().statusCode(204);
    }

    @Test
    void anEventOfAnotherTypeIsRefused422ByTheGate() {
        ValidatedReading reading = Events.reading("pi-misrouted", "livingroom", 0, 21.0, 45.0);
        HttpMessage event = Events.validated(reading);
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put("ce-type", EventTypes.READING);

        given().headers(headers).body(event.body()).post("/")
                .then()
                .statusCode(422)
                .body("problems[0]", containsString("got \"io.kedge.reading.v1\""));
    }

    @Test
    void aPlainPostIsRefused400WithTheReason() {
        given().contentType("application/json").body("{\"deviceId\":\"pi-1\"}").post("/alert")
                .then()
                .statusCode(400)
                .body("error", equalTo("not a valid CloudEvent"));
    }

    @Test
    void aReadingWhoseDeviceCannotKeyTheStateIsRefused422() {
        post(Events.validated(Events.reading("pi-bad\\", "livingroom", 0, 21.0, 45.0)))
                .then()
                .statusCode(422)
                .body("problems[0]", containsString("ends with a backslash"));
    }

    @Test
    void theGrafanaPathReachesItsOwnHandlerWhichIsOffWithoutCredentials() {
        given().contentType("application/json").body(GrafanaPayloadsText.ANY).post("/grafana")
                .then()
                .statusCode(404)
                .body("error", equalTo("grafana endpoint disabled"));
        assertThat(RecordingBrokerResource.broker().events()).noneMatch(e -> e.getSource().toString().endsWith("grafana"));
    }

    @Test
    void readyOnceTheStateIsRead() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'alert-state' }.status", equalTo("UP"));
    }

    static Response post(HttpMessage message) {
        return given().headers(message.headers()).body(message.body()).post("/");
    }

    static HttpMessage messageOf(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach(h -> headers.putIfAbsent(h.getName(), h.getValue()));
        return new HttpMessage(headers, response.asByteArray());
    }

    /** Any JSON body will do where the request is refused before it is read. */
    static final class GrafanaPayloadsText {
        static final String ANY = "{\"alerts\":[]}";
    }
}
