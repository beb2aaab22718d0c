package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

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
        assertThat(events).extracting(e -> e.getTime().toInstant()).isSorted().doesNotHaveDuplicates();
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
                .body("queued", greaterThanOrEqualTo(0))
                .body("sinkUp", equalTo(true));
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
