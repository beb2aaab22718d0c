package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.pi4j.io.gpio.digital.DigitalState;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.device.actuator.AlertEvents;
import io.kedge.device.actuator.OutputPin;
import io.kedge.device.actuator.Outputs;
import io.kedge.device.pi4j.GpioOutputs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code /actuator} as the broker's actuator Triggers call it: binary and structured alert
 * events switch the mock platform's GPIO outputs, and what is not an alert gets a 400 with a reason.
 */
@QuarkusTest
@TestProfile(ActuatorProfile.class)
class ActuatorEndpointTest {

    private static final OutputPin FAN = new OutputPin(17, false);
    private static final OutputPin RELAY = new OutputPin(27, true);

    @Inject
    Outputs outputs;

    private DigitalState level(OutputPin pin) {
        return ((GpioOutputs) outputs).output(pin).state();
    }

    private static ValidatableResponse post(HttpMessage message) {
        RequestSpecification request = given();
        message.headers().forEach(request::header);
        return request.body(message.body()).when().post("/actuator").then();
    }

    private static ValidatableResponse postBinary(CloudEvent event) {
        return post(CloudEventHttp.binary(event));
    }

    @Test
    void aFiredAlertTurnsTheFanOnAndItsResolutionOff() {
        postBinary(AlertEvents.fired("temperature-high", ActuatorProfile.DEVICE_ID, "livingroom")).statusCode(204);
        assertThat(level(FAN)).isEqualTo(DigitalState.HIGH);

        postBinary(AlertEvents.resolved("temperature-high", ActuatorProfile.DEVICE_ID, "livingroom")).statusCode(204);
        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void structuredModeWorksAndAnActiveLowRelayGoesLow() {
        post(CloudEventHttp.structured(AlertEvents.fired("humidity-high", ActuatorProfile.DEVICE_ID, "livingroom")))
                .statusCode(204);

        assertThat(level(RELAY)).isEqualTo(DigitalState.LOW);
        given().when().get("/actuator").then()
                .statusCode(200)
                .body("outputs.find { it.gpio == 27 }.on", equalTo(true))
                .body("outputs.find { it.gpio == 27 }.rules", hasItems("humidity-high"));

        postBinary(AlertEvents.resolved("humidity-high", ActuatorProfile.DEVICE_ID, "livingroom")).statusCode(204);
        assertThat(level(RELAY)).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void anAlertAboutAnotherDeviceIsTakenAndChangesNothing() {
        postBinary(AlertEvents.fired("temperature-high", "pi-elsewhere", "livingroom")).statusCode(204);

        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void aRequestThatIsNoCloudEventIsA400NamingTheProblem() {
        given().body("{\"rule\":\"temperature-high\"}").contentType("application/json")
                .when().post("/actuator").then()
                .statusCode(400)
                .body(containsString("ce-specversion"));
    }

    @Test
    void anEventThatIsNoAlertIsA400NamingItsType() {
        CloudEvent reading = io.kedge.contract.ReadingEvents.of(io.kedge.contract.fixtures.Readings.DHT11_LIVINGROOM);

        postBinary(reading).statusCode(400).body(containsString("io.kedge.reading.v1"));
    }
}
