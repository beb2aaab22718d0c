package io.kedge.functions.validate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.fixtures.Readings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Verifies the answers to inputs that the fuzzer (eventing/fuzz) found mishandled: each was a 500,
 * a bare status without a message, or a reading called valid that store could not store.
 */
@QuarkusTest
class HostileInputTest {

    private static final String STRUCTURED = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/devices/pi-1\","
            + "\"type\":\"io.kedge.reading.v1\"%s,\"data\":%s}";

    private static String structured(String id, String extraAttributes, String data) {
        return STRUCTURED.formatted(id, extraAttributes, data);
    }

    @Test
    void deviceIdWithALineFeedIsRejectedBecauseNoTagCanStoreIt() {
        given()
                .contentType("application/json")
                .header("ce-id", "tag-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", "/devices/pi-1")
                .body(Payloads.DEVICE_ID_WITH_LINE_FEED)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED)
                .body("violations[0].code", equalTo("invalid_character"))
                .body("violations[0].field", equalTo("deviceId"))
                .body("violations[0].message", containsString("line feed"));
    }

    @Test
    void anOffsetWithoutMinutesIsNoRfc3339TimeThoughJavaTimeReadsIt() {
        given()
                .contentType("application/json")
                .header("ce-id", "offset-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", "/devices/pi-1")
                .body(Payloads.TIME_OFFSET_WITHOUT_MINUTES)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED)
                .body("violations[0].code", equalTo("invalid_time"));
    }

    @Test
    void dataNestedNearJacksonsLimitIsABadRequestNotAServerError() {
        String deep = "[".repeat(999) + "]".repeat(999);

        given()
                .contentType("application/json")
                .header("ce-id", "deep-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", "/devices/pi-1")
                .body(deep)
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("error", equalTo("data nested too deeply"));
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body(structured("deep-2", "", deep))
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("levels deep"));
    }

    @Test
    void nullTimeAttributeIsTakenAsAbsentWhenTheReplyCopiesIt() {
        // GIVEN a reading without a usable time: the rejected reply takes its time from the event
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body(structured("null-time-1", ",\"time\":null,\"subject\":null", Payloads.NULL_TIME))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .body("type", equalTo(EventTypes.READING_REJECTED))
                .body("$", not(hasKey("time")))
                .body("$", not(hasKey("subject")));
    }

    @Test
    void structuredEventWithCeHeadersIsTheEventInTheBody() {
        String body = structured("mixed-1", "", Payloads.json(Readings.DHT11_LIVINGROOM));

        // only ce-id: Funqy took it for binary mode without a type, a bare 404 that Knative retries
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .header("ce-id", "header-id")
                .body(body)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .body("type", equalTo(EventTypes.READING_VALIDATED))
                .body("id", equalTo("mixed-1/validated"));
        // a ce-type of another type: the body's type still decides
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .header("ce-id", "header-id")
                .header("ce-type", EventTypes.READING_VALIDATED)
                .header("ce-specversion", "1.0")
                .header("ce-source", "/elsewhere")
                .body(body)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .body("id", equalTo("mixed-1/validated"))
                .body("data.deviceId", equalTo("pi-livingroom"));
    }

    @Test
    void structuredMediaTypeInUpperCaseIsStructuredMode() {
        given()
                .header("Content-Type", "APPLICATION/CLOUDEVENTS+JSON")
                .body(structured("upper-1", "", Payloads.json(Readings.DHT11_LIVINGROOM)))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("content-type", startsWith(CloudEventHttp.STRUCTURED_JSON))
                .body("id", equalTo("upper-1/validated"));
    }

    @Test
    void bodyOverTheLimitIsNamedOnPathsNoFunctionServesToo() {
        String large = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";

        for (String path : new String[] {"/q/health", "/notify", "/validate/x"}) {
            given()
                    .contentType("application/json")
                    .body(large)
                .when()
                    .post(path)
                .then()
                    .statusCode(413)
                    .header("content-type", startsWith("application/json"))
                    .body("problems[0]", containsString("64K (quarkus.http.limits.max-body-size)"));
        }
    }

    /**
     * Quarkus answers an oversized body of these methods with a bare 413 before any router handler
     * runs (found by ./kedge fuzz: a TRACE to /q/health); they get the same message as a POST. On a
     * function's own path the gate's 405 comes first, with its message.
     */
    @Test
    void bodyOverTheLimitIsNamedForMethodsThatTakeNoBodyToo() {
        String large = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";

        for (String method : new String[] {"TRACE", "OPTIONS", "GET", "PROPFIND"}) {
            for (String path : new String[] {"/q/health", "/nothing"}) {
                given()
                        .contentType("application/json")
                        .body(large)
                    .when()
                        .request(method, path)
                    .then()
                        .statusCode(413)
                        .header("content-type", startsWith("application/json"))
                        .header("connection", equalTo("close"))
                        .body("problems[0]", containsString("64K (quarkus.http.limits.max-body-size)"));
            }
        }
        given().contentType("application/json").body(large)
            .when().head("/q/health")
            .then().statusCode(413).header("content-type", startsWith("application/json"));
        given().contentType("application/json").body(large)
            .when().request("TRACE", "/")
            .then().statusCode(405).body("problems[0]", containsString("TRACE / is not supported"));
    }

    @Test
    void aSmallBodyOfAMethodThatTakesNoneIsNoTooLarge() {
        given()
                .contentType("application/json")
                .body("{}")
            .when()
                .request("TRACE", "/")
            .then()
                .statusCode(405)
                .body("problems[0]", containsString("TRACE / is not supported"));
    }

    @Test
    void aPathNoRouteServesGetsAMessageNotAnHtmlPage() {
        given()
                .contentType("application/json")
                .body("{}")
            .when()
                .post("/no/such/function")
            .then()
                .statusCode(404)
                .contentType("application/json")
                .body("problems[0]", containsString("POST /no/such/function was refused: not found"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void asteriskRequestTargetGetsAMessage() throws IOException {
        String answer = rawRequest("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404").containsIgnoringCase("content-type: application/json")
                .contains("\"problems\":[\"OPTIONS * was refused");
    }

    /** RestAssured's client cannot send the asterisk form; this writes the request as it is. */
    static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
