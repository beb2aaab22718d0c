package io.kedge.functions.validate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the function over HTTP, as a Knative Trigger or the local broker delivers events. */
@QuarkusTest
class ValidateFunctionTest {

    private static final String READING_ID = "6a1c3f0e-reading-1";
    private static final String DEVICE = "/devices/pi-livingroom";

    static Stream<Reading> plausible() {
        return Readings.plausible();
    }

    @Test
    void binaryModeReadingGetsABinaryModeValidatedReply() {
        Response reply = binaryEvent(READING_ID)
                .header("ce-subject", "dht11")
                .header("ce-time", Readings.SAMPLE_TIME)
                .body(Payloads.json(Readings.DHT11_LIVINGROOM))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING_VALIDATED)
                .header("ce-source", "/functions/validate")
                .header("ce-id", READING_ID + "/validated")
                .header("ce-subject", "dht11")
                .header("ce-time", Readings.SAMPLE_TIME)
                .header("content-type", startsWith("application/json"))
                .extract().response();

        ValidatedReading validated = EventData.read(reply.asByteArray(), ValidatedReading.class);
        assertThat(validated).isEqualTo(new ValidatedReading("pi-livingroom", "livingroom", "dht11",
                21.0, 45.0, null, Readings.SAMPLE_TIME, java.util.List.of()));
    }

    @ParameterizedTest(name = "{0} is validated over HTTP")
    @MethodSource("plausible")
    void plausibleReadingFromTheContractProducerIsValidated(Reading reading) {
        HttpMessage request = CloudEventHttp.binary(ReadingEvents.of(reading));

        Response response = given().headers(request.headers()).body(request.body())
            .when().post("/")
            .then().statusCode(200).extract().response();

        // The strict codec is what the local broker applies to replies: Funqy's must pass it.
        CloudEvent reply = CloudEventHttp.decode(messageOf(response));
        assertThat(reply.getType()).isEqualTo(EventTypes.READING_VALIDATED);
        assertThat(EventData.read(reply, ValidatedReading.class).deviceId()).isEqualTo(reading.deviceId());
    }

    @Test
    void implausibleReadingGetsARejectedReplyWithStatus200() {
        Response reply = binaryEvent(READING_ID)
                .body(Payloads.json(Readings.DHT11_TOO_HOT))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED)
                .header("ce-source", "/functions/validate")
                .header("ce-id", READING_ID + "/rejected")
                .extract().response();

        RejectedReading rejected = EventData.read(reply.asByteArray(), RejectedReading.class);
        assertThat(rejected.violations()).extracting(v -> v.code() + "@" + v.field())
                .containsExactly("out_of_range@temperature");
        assertThat(rejected.violations().get(0).value()).isEqualTo("75");
        assertThat(rejected.original().get("temperature").doubleValue()).isEqualTo(75.0);
    }

    @Test
    void fahrenheitReadingIsValidatedInCelsiusWithItsQualityFlag() {
        binaryEvent(READING_ID)
                .body(Payloads.json(new Reading("pi-garage", "garage", "dht22", 70.7, 50.0, null, Readings.SAMPLE_TIME, "F")))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_VALIDATED)
                .body("temperature", equalTo(21.5f))
                .body("$", not(hasKey("temperatureUnit")))
                .body("quality", contains("converted_from_fahrenheit"));
    }

    @Test
    void temperatureGivenAsTextIsARejectedReplyNotAServerError() {
        binaryEvent(READING_ID)
                .body(Payloads.TEMPERATURE_AS_TEXT)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED)
                .body("violations[0].code", equalTo("wrong_type"))
                .body("violations[0].value", equalTo("abc"))
                .body("original.temperature", equalTo("abc"));
    }

    @Test
    void bareNanTokenIsARejectedReplyNotABadRequest() {
        binaryEvent(READING_ID)
                .body(Payloads.TEMPERATURE_BARE_NAN)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED)
                .body("violations[0].code", equalTo("not_a_number"));
    }

    @Test
    void structuredModeReadingGetsAStructuredModeReply() {
        CloudEvent event = ReadingEvents.of(Readings.BME280_OFFICE);
        HttpMessage request = CloudEventHttp.structured(event);

        given()
                .contentType(request.contentType())
                .body(request.body())
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("content-type", startsWith(CloudEventHttp.STRUCTURED_JSON))
                .body("specversion", equalTo("1.0"))
                .body("type", equalTo(EventTypes.READING_VALIDATED))
                .body("source", equalTo("/functions/validate"))
                .body("id", equalTo(event.getId() + "/validated"))
                .body("subject", equalTo("bme280"))
                .body("time", equalTo(Readings.SAMPLE_TIME))
                .body("data.deviceId", equalTo("pi-office"))
                .body("data.pressure", equalTo(1013.2f));
    }

    @Test
    void structuredModeReplyIsAValidCloudEventForTheStrictCodec() {
        HttpMessage request = CloudEventHttp.structured(ReadingEvents.of(Readings.DHT22_FREEZER));

        Response response = given().contentType(request.contentType()).body(request.body())
            .when().post("/")
            .then().statusCode(200).extract().response();

        CloudEvent reply = CloudEventHttp.decode(messageOf(response));
        assertThat(reply.getSource()).hasToString("/functions/validate");
        assertThat(EventData.read(reply, ValidatedReading.class).temperature()).isEqualTo(-10.1);
    }

    @Test
    void plainJsonPostWithoutCloudEventHeadersIsABadRequest() {
        given()
                .contentType("application/json")
                .body(Payloads.json(Readings.DHT11_LIVINGROOM))
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("error", equalTo("not a valid CloudEvent"))
                .body("problems[0]", containsString("no 'ce-specversion' header"));
    }

    @Test
    void binaryEventMissingItsIdIsABadRequestNamingTheAttribute() {
        given()
                .contentType("application/json")
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", DEVICE)
                .body(Payloads.json(Readings.DHT11_LIVINGROOM))
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems", hasItem("missing required attribute 'id'"));
    }

    @Test
    void dataThatIsNotJsonIsABadRequest() {
        binaryEvent(READING_ID)
                .body("temperature=21")
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("error", equalTo("data is not JSON"))
                .body("problems[0]", containsString(READING_ID));
    }

    @Test
    void dataDeclaredAsPlainTextIsABadRequest() {
        given()
                .contentType("text/plain")
                .header("ce-id", READING_ID)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", DEVICE)
                .body("21.0")
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("\"text/plain"))
                .body("problems[0]", containsString("is not application/json"));
    }

    @Test
    void eventWithoutDataIsABadRequest() {
        binaryEvent(READING_ID)
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("carries no data"));
    }

    @Test
    void structuredBodyThatIsNotJsonIsABadRequest() {
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body("{\"specversion\":")
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("body is not JSON"));
    }

    @Test
    void eventOfAnotherTypeIsRefusedWithoutRetryStatus() {
        given()
                .contentType("application/json")
                .header("ce-id", READING_ID)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING_VALIDATED)
                .header("ce-source", "/functions/validate")
                .body("{}")
            .when()
                .post("/")
            .then()
                .statusCode(422)
                .body("problems[0]", containsString("\"" + EventTypes.READING_VALIDATED + "\""));
    }

    @Test
    void bodyLargerThanTheLimitIsRefused() {
        binaryEvent(READING_ID)
                .body("{\"padding\":\"" + "x".repeat(70_000) + "\"}")
            .when()
                .post("/")
            .then()
                .statusCode(413)
                .body("problems[0]", containsString("quarkus.http.limits.max-body-size"));
    }

    @Test
    void replyTimeKeepsZeroSecondsAsRfc3339Requires() {
        String onTheMinute = "2026-11-27T10:15:00Z";

        binaryEvent(READING_ID)
                .header("ce-time", onTheMinute)
                .body(Payloads.atTime(onTheMinute))
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-time", onTheMinute);
    }

    @Test
    void hugeExponentIsARejectedReplyNotAServerError() {
        binaryEvent(READING_ID)
                .body(Payloads.TEMPERATURE_HUGE_EXPONENT)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .body("violations[0].code", equalTo("not_a_number"));
    }

    @Test
    void structuredDataNullIsARejectedReply() {
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body("{\"specversion\":\"1.0\",\"id\":\"r-null\",\"source\":\"/devices/pi-1\","
                        + "\"type\":\"io.kedge.reading.v1\",\"data\":null}")
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .body("type", equalTo(EventTypes.READING_REJECTED))
                .body("data.violations[0].code", equalTo("wrong_type"));
    }

    @Test
    void structuredEventWithDataBase64IsABadRequest() {
        given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body("{\"specversion\":\"1.0\",\"id\":\"r-b64\",\"source\":\"/devices/pi-1\","
                        + "\"type\":\"io.kedge.reading.v1\",\"data_base64\":\"e30=\"}")
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("data_base64"));
    }

    @Test
    void plainJsonPostToTheFunctionPathIsABadRequest() {
        given()
                .contentType("application/json")
                .body(Payloads.json(Readings.DHT11_LIVINGROOM))
            .when()
                .post("/validate")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("no 'ce-specversion' header"));
    }

    @Test
    void binaryEventWithoutContentTypeIsABadRequest() {
        given()
                .header("ce-id", READING_ID)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", DEVICE)
                .body(Payloads.json(Readings.DHT11_LIVINGROOM).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .when()
                .post("/")
            .then()
                .statusCode(400)
                .body("problems[0]", containsString("is not application/json"));
    }

    @Test
    void getOnTheEventEndpointIsRefusedWithAMessage() {
        given().when().get("/").then()
                .statusCode(405)
                .header("allow", "POST")
                .body("problems[0]", containsString("POST a CloudEvent"));
    }

    @Test
    void readinessProbeAnswersUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static HttpMessage messageOf(Response response) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        response.headers().forEach(header -> headers.putIfAbsent(header.getName(), header.getValue()));
        return new HttpMessage(headers, response.asByteArray());
    }

    private static RequestSpecification binaryEvent(String id) {
        return given()
                .contentType("application/json")
                .header("ce-id", id)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", DEVICE);
    }
}
