package io.kedge.functions.validate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies that the kedge.validate.* keys reach the rules, durations in both syntaxes. */
@QuarkusTest
@TestProfile(ConfiguredLimitsTest.StrictLimits.class)
class ConfiguredLimitsTest {

    public static class StrictLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kedge.validate.max-age", "1h",
                    "kedge.validate.max-clock-skew", "PT10S",
                    "kedge.validate.unknown-sensor", "reject",
                    "kedge.validate.generic.temperature-max", "60");
        }
    }

    @Test
    void readingOlderThanTheConfiguredMaxAgeIsRejected() {
        post(Payloads.atTime(Payloads.NOW.minusSeconds(2 * 3600).toString()))
                .body("violations.code", contains("time_too_old"));
    }

    @Test
    void readingAheadOfTheConfiguredSkewIsRejected() {
        post(Payloads.atTime(Payloads.NOW.plusSeconds(11).toString()))
                .body("violations.code", contains("time_in_future"));
    }

    @Test
    void unknownSensorIsRejectedUnderTheRejectPolicy() {
        post(Payloads.json(new Reading("pi-lab", "lab", "sht31", 20.0, 40.0, null, Readings.SAMPLE_TIME)))
                .body("violations.code", contains("unknown_sensor"));
    }

    @Test
    void configuredGenericRangeStillChecksTheValuesOfAnUnknownSensor() {
        post(Payloads.json(new Reading("pi-lab", "lab", "sht31", 61.0, 40.0, null, Readings.SAMPLE_TIME)))
                .body("violations.code", contains("unknown_sensor", "out_of_range"))
                .body("violations[1].message", containsString("generic range [-40, 60] °C"));
    }

    private static io.restassured.response.ValidatableResponse post(String data) {
        return given()
                .contentType("application/json")
                .header("ce-id", "r-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.READING)
                .header("ce-source", "/devices/pi-lab")
                .body(data)
            .when()
                .post("/")
            .then()
                .statusCode(200)
                .header("ce-type", EventTypes.READING_REJECTED);
    }
}
