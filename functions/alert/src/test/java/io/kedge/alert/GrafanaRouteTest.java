package io.kedge.alert;

import static io.kedge.alert.grafana.GrafanaPayloads.FIRING;
import static io.kedge.alert.grafana.GrafanaPayloads.SECRET;
import static io.kedge.alert.grafana.GrafanaPayloads.TOKEN;
import static io.kedge.alert.grafana.GrafanaPayloads.bytes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.kedge.alert.grafana.HmacSignature;
import io.kedge.contract.EventTypes;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code POST /grafana} over HTTP with credentials and an HMAC secret with timestamp
 * configured (the keys a Secret would set), and what reaches a real HTTP server standing in for
 * the broker.
 */
@QuarkusTest
@TestProfile(GrafanaRouteTest.Configured.class)
@QuarkusTestResource(value = InfluxResource.class, initArgs = @ResourceArg(name = "url-property", value = "kedge.alert.influx.url"))
@QuarkusTestResource(RecordingBrokerResource.class)
class GrafanaRouteTest {

    static final String SIGNATURE = "X-Kedge-Signature";
    static final String TIMESTAMP = "X-Kedge-Timestamp";

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kedge.alert.grafana.token", TOKEN,
                    "kedge.alert.grafana.hmac.secret", SECRET,
                    "kedge.alert.grafana.hmac.header", SIGNATURE,
                    "kedge.alert.grafana.hmac.timestamp-header", TIMESTAMP);
        }
    }

    @BeforeEach
    void clear() {
        RecordingBrokerResource.broker().clear();
    }

    @Test
    void aSignedNotificationBecomesAFiredEventAtTheBroker() {
        String ts = String.valueOf(Instant.now().getEpochSecond());

        signed(FIRING, ts).post("/grafana")
                .then()
                .statusCode(200)
                .body("alerts", equalTo(1));

        assertThat(RecordingBrokerResource.broker().events()).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(EventTypes.ALERT_FIRED);
            assertThat(event.getId()).isEqualTo("grafana/5b3c0d2e91a4f7c1/2025-06-01T12:05:00Z/fired");
            assertThat(event.getSubject()).isEqualTo("dht22-a");
        });
    }

    @Test
    void aLabelNoCloudEventAttributeCanCarryIs400NamingItAndNothingIsSent() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String body = FIRING.replace("\"sensor_id\":\"dht22-a\"", "\"sensor_id\":\"dht22\\u007fa\"")
                .replace("\"fingerprint\":\"5b3c0d2e91a4f7c1\"", "\"fingerprint\":\"5b3c\\n0d2e\"");

        signed(body, ts).post("/grafana")
                .then()
                .statusCode(400)
                .body("problems", org.hamcrest.Matchers.hasItems(
                        containsString("alerts[0].labels.sensor_id: \"dht22\\u007fa\" contains a control character"),
                        containsString("alerts[0].fingerprint: \"5b3c\\u000a0d2e\" contains a control character")));

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void aStartBeyondTheYear9999Is400AndNothingIsSent() {
        String ts = String.valueOf(Instant.now().getEpochSecond());

        signed(FIRING.replace("2025-06-01T12:05:00Z", "+10000-01-01T00:00:00Z"), ts).post("/grafana")
                .then()
                .statusCode(400)
                .body("problems[0]", containsString("alerts[0].startsAt"));

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void anUnsignedNotificationIs401AndNothingIsSent() {
        given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body(bytes(FIRING))
                .post("/grafana")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"kedge-alert\"")
                .body("problems[0]", containsString("header X-Kedge-Signature is missing"));

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void aWrongSignatureIs401AndNothingIsSent() {
        String ts = String.valueOf(Instant.now().getEpochSecond());

        given().header("Authorization", "Bearer " + TOKEN)
                .header(TIMESTAMP, ts)
                .header(SIGNATURE, HmacSignature.sign(bytes("guess"), ts, bytes(FIRING)))
                .contentType("application/json")
                .body(bytes(FIRING))
                .post("/grafana")
                .then()
                .statusCode(401)
                .body("problems[0]", containsString("does not match the body and timestamp"));

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void theBodyIsVerifiedByteForByte() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String reformatted = FIRING.replace("\n", "\r\n");

        given().header("Authorization", "Bearer " + TOKEN)
                .header(TIMESTAMP, ts)
                .header(SIGNATURE, HmacSignature.sign(bytes(SECRET), ts, bytes(FIRING)))
                .contentType("application/json")
                .body(bytes(reformatted))
                .post("/grafana")
                .then()
                .statusCode(401);

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void aStaleTimestampIs401() {
        String ts = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());

        signed(FIRING, ts).post("/grafana")
                .then()
                .statusCode(401)
                .body("problems[0]", containsString("replay window"));
    }

    @Test
    void aMalformedNotificationIs400WithTheReasonAndNothingIsSent() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"now\"}]}";

        signed(body, ts).post("/grafana")
                .then()
                .statusCode(400)
                .body("error", equalTo("malformed Grafana notification"))
                .body("problems", org.hamcrest.Matchers.contains(
                        "alerts[0].labels.alertname: required, the rule's title",
                        "alerts[0].startsAt: \"now\" is not an RFC 3339 time"));

        assertThat(RecordingBrokerResource.broker().requests()).isEmpty();
    }

    @Test
    void onlyPostIsTaken() {
        given().get("/grafana")
                .then()
                .statusCode(405)
                .header("allow", "POST");
    }

    @Test
    void aBodyOverTheLimitIs413WithTheLimit() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String huge = "{\"alerts\":[],\"pad\":\"" + "x".repeat(1_100_000) + "\"}";

        signed(huge, ts).post("/grafana")
                .then()
                .statusCode(413)
                .body("problems[0]", containsString("1M (quarkus.http.limits.max-body-size)"));
    }

    @Test
    void theFunctionsStillAnswerCloudEventsBesideTheWebhook() {
        AlertFunctionTest.post(Events.tick("tick-grafana-test", Events.BASE.minusSeconds(7200))).then().statusCode(204);
    }

    private static RequestSpecification signed(String body, String ts) {
        return given()
                .header("Authorization", "Bearer " + TOKEN)
                .header(TIMESTAMP, ts)
                .header(SIGNATURE, HmacSignature.sign(bytes(SECRET), ts, bytes(body)))
                .contentType("application/json")
                .body(bytes(body));
    }
}
