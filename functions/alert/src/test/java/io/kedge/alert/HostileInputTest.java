package io.kedge.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Verifies the answers to inputs that the fuzzer (eventing/fuzz) found mishandled: a 500, a reading
 * taken that the contract refuses, or a reply that is no valid CloudEvent.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, initArgs = @ResourceArg(name = "url-property", value = "kedge.alert.influx.url"))
@QuarkusTestResource(RecordingBrokerResource.class)
class HostileInputTest {

    private static final String TIME = Events.BASE.toString();

    /** A validated reading event (binary mode) whose data is {@code json} as it is. */
    private static Response postReading(String id, String json) {
        HttpMessage event = Events.validated(id, Events.reading("pi-template", "hall", 0, 21.0, 45.0));
        return given().headers(event.headers()).body(json.getBytes(StandardCharsets.UTF_8)).post("/");
    }

    private static String reading(String deviceId, String members) {
        return "{\"deviceId\":" + deviceId + ",\"location\":\"hall\",\"sensor\":\"dht22\",\"humidity\":45.0,"
                + "\"time\":\"" + TIME + "\"," + members + "}";
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"\"temperature\":\"21.5\"", "\"temperature\":\"\"", "\"temperature\":true"})
    void aValueOfAnotherJsonKindIsRefused422(String member) {
        postReading("kind-" + member.hashCode(), reading("\"pi-kind\"", member))
                .then()
                .statusCode(422)
                .body("problems[0]", containsString("is not a validated reading"));
    }

    @ParameterizedTest(name = "deviceId {0} is refused")
    @ValueSource(strings = {"42", "Infinity", "false"})
    void aDeviceIdThatIsNoStringIsRefused422(String deviceId) {
        postReading("device-" + deviceId, reading(deviceId, "\"temperature\":21.0"))
                .then()
                .statusCode(422);
    }

    @Test
    void membersDifferingOnlyInCaseAreNotTheContractsMembers() {
        postReading("case-1", reading("\"pi-case\"", "\"temperature\":20.5,\"DeviceId\":\"pi-other\",\"Temperature\":99.5"))
                .then()
                .statusCode(204);

        assertThat(seenDevices()).contains("pi-case").doesNotContain("pi-other");
    }

    @ParameterizedTest(name = "sample time {0} is refused")
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "9999-12-31T23:00:00-05:00"})
    void aSampleTimeWithoutAnRfc3339FormIsRefused422(String time) {
        String json = reading("\"pi-far\"", "\"temperature\":35.0").replace(TIME, time);

        postReading("far-" + time, json)
                .then()
                .statusCode(422)
                .body("problems[0]", containsString("year of four digits"));
    }

    @Test
    void aTickWithANullTimeIsATickWithoutTime() {
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body("{\"specversion\":\"1.0\",\"id\":\"tick-null\",\"source\":\"/apis/v1/namespaces/kedge/pingsources/alert-tick\","
                        + "\"type\":\"" + Events.PING + "\",\"time\":null,\"data\":{\"check\":\"no-data\"}}")
            .when()
                .post("/")
            .then()
                // 200 when a device of the other tests has gone quiet since (no-data rule), else 204
                .statusCode(anyOf(equalTo(200), equalTo(204)));
    }

    @Test
    void aStructuredReadingWithCeHeadersIsTheEventInTheBody() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"mixed-1\",\"source\":\"/functions/validate\",\"type\":\""
                + EventTypes.READING_VALIDATED + "\",\"datacontenttype\":\"application/json\",\"data\":"
                + reading("\"pi-mixed\"", "\"temperature\":21.0") + "}";

        // a ce-type of another function of this app: Funqy ran that function on the envelope, a 500
        given()
                .header("Content-Type", "APPLICATION/CLOUDEVENTS+JSON")
                .header("ce-id", "header-id")
                .header("ce-type", Events.PING)
                .body(body)
            .when()
                .post("/")
            .then()
                .statusCode(204);

        assertThat(seenDevices()).contains("pi-mixed");
    }

    /** The devices whose last reading the alert state in InfluxDB holds. */
    private static List<String> seenDevices() {
        return InfluxResource.server().rows("kedge_alert", "SHOW TAG VALUES FROM alert_seen WITH KEY = \"device\"").stream()
                .map(row -> String.valueOf(row.get("value")))
                .toList();
    }

    @Test
    void aBodyOverTheLimitIsNamedOnAPathNoFunctionServes() {
        given()
                .contentType("application/json")
                .body("{\"pad\":\"" + "x".repeat(1_100_000) + "\"}")
            .when()
                .post("/grafana/x")
            .then()
                .statusCode(413)
                .header("content-type", startsWith("application/json"))
                .body("error", equalTo("request too large"))
                .body("problems[0]", containsString("1M (quarkus.http.limits.max-body-size)"));
    }

    @Test
    void theContractsOwnDataIsStillTakenWithAnIntegerForADecimal() {
        postReading("ok-1", reading("\"pi-ok\"", "\"temperature\":21")
                .replace(TIME, Events.BASE.plus(1, ChronoUnit.MINUTES).toString())).then().statusCode(204);

        assertThat(seenDevices()).contains("pi-ok");
    }
}
