package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.store.QuestDbResource;
import io.kedge.store.QuestDbServer;
import io.kedge.store.TestReadings;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Verifies the function configured for the InfluxDB 2.x write API ({@code kedge.store.influx.api=v2},
 * token, org, bucket) against a real server implementing {@code /api/v2/write} (QuestDB,
 * embedded): 204 once stored, 422 with the server's words when it refuses the point.
 */
@QuarkusTest
@QuarkusTestResource(value = QuestDbResource.class, restrictToAnnotatedClass = true)
class StoreFunctionV2Test {

    @Test
    void validatedReadingIsStoredThroughTheV2WriteApi() {
        Instant sampled = TestReadings.uniqueTime();

        post(TestReadings.withDevice(TestReadings.dht11(sampled), "pi-v2")).then().statusCode(204);

        assertThat(rowsOfDevice("pi-v2")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("location", "livingroom")
                .containsEntry("temperature", 21.0)
                .containsEntry("humidity", 45.0));
    }

    @Test
    void pointTheServerRefusesIs422WithItsMessage() {
        // GIVEN the table exists with pressure as text: a BME280's float pressure cannot be cast
        post(TestReadings.withDevice(TestReadings.dht11(TestReadings.uniqueTime()), "pi-v2-first")).then().statusCode(204);
        rowsOfDevice("pi-v2-first");
        questdb().execute("ALTER TABLE rpi_dht11 ADD COLUMN pressure VARCHAR");

        post(TestReadings.validated(io.kedge.contract.fixtures.Readings.BME280_OFFICE, TestReadings.uniqueTime()))
                .then().statusCode(422)
                .body("error", org.hamcrest.Matchers.equalTo("refused by InfluxDB"))
                .body(containsString("cast error"))
                .body(containsString("pressure"));
    }

    private static List<Map<String, Object>> rowsOfDevice(String device) {
        String sql = "select * from rpi_dht11 where device = '" + device + "'";
        Poll.until("a row of " + device + " in QuestDB", Duration.ofSeconds(10), () -> !questdb().rows(sql).isEmpty());
        return questdb().rows(sql);
    }

    private static QuestDbServer questdb() {
        return QuestDbResource.server();
    }

    private static Response post(ValidatedReading reading) {
        return given()
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.READING_VALIDATED)
                .header("ce-source", "/devices/pi-test")
                .header("ce-specversion", "1.0")
                .contentType("application/json")
                .body(EventData.toJson(reading))
                .post("/");
    }
}
