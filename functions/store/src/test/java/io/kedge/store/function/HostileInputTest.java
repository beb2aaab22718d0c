package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.kedge.contract.EventTypes;
import io.kedge.store.TestReadings;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies the answers to inputs that the fuzzer (eventing/fuzz) found mishandled, asserting what
 * InfluxDB holds afterwards: data outside the contract was stored as if valid, members were matched
 * without regard to case, and some inputs were answered 500.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, restrictToAnnotatedClass = true)
class HostileInputTest {

    private static Response post(String type, String data) {
        return given()
                .contentType("application/json")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-specversion", "1.0")
                .header("ce-type", type)
                .header("ce-source", "/functions/validate")
                .body(data)
                .post("/");
    }

    private static String reading(Instant sampled, String members) {
        return "{\"location\":\"hall\",\"sensor\":\"dht11\",\"humidity\":45.0,\"time\":\"" + sampled + "\"," + members + "}";
    }

    private static List<Map<String, Object>> pointAt(Instant sampled) {
        return InfluxResource.server().rows("sensor_data", "SELECT * FROM rpi_dht11 WHERE time = " + sampled.toEpochMilli() + "ms");
    }

    @ParameterizedTest(name = "{0} is refused and nothing stored")
    @ValueSource(strings = {"\"deviceId\":\"pi-a\",\"temperature\":\"21.5\"", "\"deviceId\":\"pi-a\",\"temperature\":\"\"",
            "\"deviceId\":42,\"temperature\":21.5", "\"deviceId\":Infinity,\"temperature\":21.5",
            "\"deviceId\":true,\"temperature\":21.5"})
    void dataOfAnotherJsonKindThanTheContractsIsRefused(String members) {
        Instant sampled = TestReadings.uniqueTime();

        post(EventTypes.READING_VALIDATED, reading(sampled, members))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid validated reading"));

        assertThat(pointAt(sampled)).isEmpty();
    }

    @Test
    void anAlertThresholdSentAsEmptyTextIsRefused() {
        String alert = "{\"rule\":\"temperature-high\",\"severity\":\"warning\",\"deviceId\":\"pi-a\",\"value\":31.0,"
                + "\"threshold\":\"\",\"startsAt\":\"" + TestReadings.uniqueTime() + "\",\"fingerprint\":\"f\"}";

        post(EventTypes.ALERT_FIRED, alert).then().statusCode(400).body("problems[0]", containsString("threshold"));
    }

    @Test
    void membersDifferingOnlyInCaseFromTheContractsAreIgnored() {
        Instant sampled = TestReadings.uniqueTime();

        post(EventTypes.READING_VALIDATED, reading(sampled,
                "\"deviceId\":\"pi-case\",\"DeviceId\":\"pi-other\",\"temperature\":20.5,\"Temperature\":99.5"))
                .then()
                .statusCode(204);

        assertThat(pointAt(sampled)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("device", "pi-case");
            assertThat(((Number) row.get("temperature")).doubleValue()).isEqualTo(20.5);
        });
    }

    @ParameterizedTest(name = "time {0} is refused naming it")
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "2300-01-01T00:00:00Z", "1600-01-01T00:00:00Z"})
    void aTimeInfluxDbCannotStoreIs400NotAServerError(String time) {
        post(EventTypes.READING_VALIDATED, "{\"deviceId\":\"pi-far\",\"temperature\":21.0,\"time\":\"" + time + "\"}")
                .then()
                .statusCode(400)
                .body("problems[0]", containsString("'time' lies outside the years InfluxDB can store"));
        String alert = "{\"rule\":\"r\",\"severity\":\"warning\",\"deviceId\":\"pi-far\",\"startsAt\":\"" + time + "\"}";
        post(EventTypes.ALERT_FIRED, alert)
                .then()
                .statusCode(400)
                .body("problems[0]", containsString("'startsAt' lies outside the years InfluxDB can store"));
    }

    @Test
    void aBodyOfMegabytesIs413AtTheDocumentedLimit() {
        String huge = "{\"deviceId\":\"pi-a\",\"pad\":\"" + "x".repeat(3_000_000) + "\"}";

        post(EventTypes.READING_VALIDATED, huge)
                .then()
                .statusCode(413)
                .header("content-type", startsWith("application/json"))
                .body("problems[0]", containsString("256K (quarkus.http.limits.max-body-size)"));
    }
}
