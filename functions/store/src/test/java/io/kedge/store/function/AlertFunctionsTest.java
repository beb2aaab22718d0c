package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.hasItem;

import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;
import io.kedge.store.TestAlerts;
import io.kedge.store.TestReadings;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Verifies the two alert functions over HTTP as a broker calls them: each alert event becomes one
 * point of measurement {@code alerts}, queried back from InfluxDB.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, restrictToAnnotatedClass = true)
class AlertFunctionsTest {

    private static final String DATABASE = "sensor_data";

    @Test
    void firedAndResolvedAlertsAreStoredAsFiringAndResolvedPoints() {
        Instant started = TestReadings.uniqueTime();
        Instant ended = started.plusSeconds(120);

        post(EventTypes.ALERT_FIRED, TestAlerts.fired("pi-http-alert", started)).then().statusCode(204).body(emptyString());
        post(EventTypes.ALERT_RESOLVED, TestAlerts.resolved("pi-http-alert", started, ended)).then().statusCode(204);

        List<Map<String, Object>> rows = InfluxResource.server().rows(DATABASE,
                "SELECT * FROM alerts WHERE device = 'pi-http-alert'");
        assertThat(rows).extracting(row -> row.get("time") + " " + row.get("state"))
                .containsExactly(started.toEpochMilli() + " firing", ended.toEpochMilli() + " resolved");
        assertThat(rows).allSatisfy(row -> assertThat(row)
                .containsEntry("rule", "temperature-high")
                .containsEntry("severity", "warning")
                .containsEntry("fingerprint", "temperature-high/pi-http-alert"));
    }

    @Test
    void alertsCanBePostedToTheirFunctionsOwnPath() {
        Instant started = TestReadings.uniqueTime();

        post(EventTypes.ALERT_FIRED, TestAlerts.fired("pi-path-alert", started), "/storeAlertFired").then().statusCode(204);

        assertThat(InfluxResource.server().rows(DATABASE, "SELECT * FROM alerts WHERE device = 'pi-path-alert'")).hasSize(1);
    }

    @Test
    void resolvedAlertWithoutEndIsABadRequest() {
        post(EventTypes.ALERT_RESOLVED, TestAlerts.fired("pi-no-end", TestReadings.uniqueTime()))
                .then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid alert"))
                .body("problems", hasItem(containsString("missing required field 'endsAt'")));
    }

    @Test
    void alertDataThatDoesNotBindIsABadRequest() {
        event(EventTypes.ALERT_FIRED).body("{\"rule\":[1,2]}").post("/")
                .then().statusCode(400)
                .body("problems", hasItem(containsString("is not an alert in JSON")));
    }

    private static io.restassured.response.Response post(String type, Alert alert) {
        return post(type, alert, "/");
    }

    private static io.restassured.response.Response post(String type, Alert alert, String path) {
        return event(type).body(EventData.toJson(alert)).post(path);
    }

    private static RequestSpecification event(String type) {
        return given()
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", type)
                .header("ce-source", "/functions/alert")
                .header("ce-specversion", "1.0")
                .contentType("application/json");
    }
}
