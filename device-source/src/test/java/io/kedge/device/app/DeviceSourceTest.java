package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Reading;
import io.kedge.device.RecordingSink;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that the booted application reads the simulated DHT11 and posts its readings to the sink. */
@QuarkusTest
@WithTestResource(RecordingSinkResource.class)
class DeviceSourceTest {

    private static List<CloudEvent> awaitEvents(int count) {
        RecordingSink sink = RecordingSinkResource.sink();
        Poll.until(count + " events at the sink", Duration.ofSeconds(20), Duration.ofMillis(50),
                () -> sink.acceptedEvents().size() >= count,
                () -> sink.requests().size() + " requests so far");
        return sink.acceptedEvents();
    }

    @Test
    void readingsArriveAsReadingEventsOfThisDevice() {
        List<CloudEvent> events = awaitEvents(5);

        assertThat(events).allSatisfy(event -> {
            assertThat(event.getType()).isEqualTo(EventTypes.READING);
            assertThat(event.getSource()).hasToString("/devices/" + RecordingSinkResource.DEVICE_ID);
            assertThat(event.getSubject()).isEqualTo("dht11");
            assertThat(event.getExtension("site")).isEqualTo("plant-1");
            Reading reading = EventData.read(event, Reading.class);
            assertThat(reading.location()).isEqualTo("lab");
            assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse(reading.time()));
        });
        // Sent several at once, readings may arrive out of order; each carries its own sample time.
        assertThat(events).extracting(e -> e.getTime().toInstant()).doesNotHaveDuplicates();
    }

    @Test
    void statusCountsWhatHappened() {
        awaitEvents(3);

        given().when().get("/status").then()
                .statusCode(200)
                .contentType("application/json")
                .body("deviceId", equalTo(RecordingSinkResource.DEVICE_ID))
                .body("sensor", equalTo("dht11"))
                .body("sink", equalTo(RecordingSinkResource.sink().url()))
                .body("intervalMillis", equalTo(100))
                .body("read", greaterThanOrEqualTo(3))
                .body("sent", greaterThanOrEqualTo(3))
                .body("readFailures", greaterThanOrEqualTo(0))
                .body("buffered", greaterThanOrEqualTo(0))
                .body("dropped", equalTo(0))
                .body("sensorErrors.EIO", greaterThanOrEqualTo(0))
                .body("buffer", containsString("forward.mv.db"))
                .body("sinkUp", equalTo(true))
                .body("mqtt", nullValue());
    }

    @Test
    void metricsCountWhatWasSentAndBuffered() {
        awaitEvents(3);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("kedge_device_buffered ")
                .contains("kedge_device_dropped_total{reason=\"overflow\"} 0.0")
                .contains("kedge_device_sensor_errors_total{error=\"EIO\"}")
                .containsPattern("kedge_device_sent_total [1-9]");
    }

    @Test
    void readinessIncludesTheBuffer() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'buffer' }.status", equalTo("UP"));
    }

    @Test
    void withNoPinsMappedTheActuatorTakesAlertsAndSwitchesNothing() {
        given().when().get("/actuator").then().statusCode(200).body("outputs", hasSize(0));
    }

    @Test
    void aPathNoRouteServesIsA404ThatNamesTheRoutes() {
        given().when().post("/no/such/path").then()
                .statusCode(404)
                .contentType(containsString("text/plain"))
                .body(containsString("POST /no/such/path: no such route"), containsString("GET /status"));
    }

    @Test
    void livenessReportsThePollLoop() {
        awaitEvents(1);

        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'poll-loop' }.status", equalTo("UP"));
    }
}
