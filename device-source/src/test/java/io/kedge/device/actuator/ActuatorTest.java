package io.kedge.device.actuator;

import static io.kedge.device.actuator.AlertEvents.fired;
import static io.kedge.device.actuator.AlertEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalState;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.device.DeviceIdentity;
import io.kedge.device.pi4j.GpioOutputs;
import io.kedge.device.pi4j.Pi4jMockTest;
import io.kedge.device.pi4j.Pi4jPlatform;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Verifies that alert events switch GPIO outputs on Pi4J's mock platform: fired sets, resolved clears. */
class ActuatorTest extends Pi4jMockTest {

    private static final DeviceIdentity PI = new DeviceIdentity("pi-vm", "livingroom");
    private static final OutputPin FAN = new OutputPin(17, false);
    private static final OutputPin RELAY = new OutputPin(27, true);

    private GpioOutputs outputs;

    private Actuator actuator(String pins, ActuatorScope scope) {
        PinMapping mapping = PinMapping.parse(pins);
        outputs = new GpioOutputs(pi4j, Pi4jPlatform.MOCK.digitalOutputProvider(), mapping.outputs());
        return new Actuator(mapping, scope, PI, outputs);
    }

    private DigitalState level(OutputPin pin) {
        return outputs.output(pin).state();
    }

    @Test
    void outputsStartOffAtTheirInactiveLevel() {
        actuator("temperature-high=17,humidity-high=27:active-low", ActuatorScope.DEVICE);

        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
        assertThat(level(RELAY)).as("active low: off is HIGH").isEqualTo(DigitalState.HIGH);
    }

    @Test
    void firedSetsTheRulesOutputAndResolvedClearsIt() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.DEVICE);

        assertThat(actuator.handle(fired("temperature-high", "pi-vm", "livingroom")))
                .isEqualTo(new Actuator.Outcome.Switched(FAN, true, "temperature-high", 1));
        assertThat(level(FAN)).isEqualTo(DigitalState.HIGH);

        actuator.handle(resolved("temperature-high", "pi-vm", "livingroom"));
        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void anActiveLowOutputIsDrivenLowWhenOn() {
        Actuator actuator = actuator("humidity-high=27:active-low", ActuatorScope.DEVICE);

        actuator.handle(fired("humidity-high", "pi-vm", "livingroom"));

        assertThat(level(RELAY)).isEqualTo(DigitalState.LOW);
        assertThat(outputs.isOn(RELAY)).isTrue();
    }

    @Test
    void anOutputSharedByTwoIncidentsStaysOnUntilBothResolve() {
        // GIVEN two devices at this location fire the same rule
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.LOCATION);
        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));
        actuator.handle(fired("temperature-high", "pi-window", "livingroom"));

        // WHEN one resolves, THEN the fan keeps running for the other
        actuator.handle(resolved("temperature-high", "pi-vm", "livingroom"));
        assertThat(level(FAN)).isEqualTo(DigitalState.HIGH);

        actuator.handle(resolved("temperature-high", "pi-window", "livingroom"));
        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void aRepeatedFiredIsOneIncident() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.DEVICE);
        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));
        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));

        actuator.handle(resolved("temperature-high", "pi-vm", "livingroom"));

        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void aRepeatedFiredHealsAnOutputSwitchedOffBehindItsBack() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.DEVICE);
        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));
        outputs.output(FAN).low();

        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));

        assertThat(level(FAN)).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void alertsOutOfScopeOrForUnmappedRulesAreIgnored() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.DEVICE);

        assertThat(actuator.handle(fired("temperature-high", "pi-elsewhere", "livingroom")))
                .isInstanceOf(Actuator.Outcome.Ignored.class);
        assertThat(actuator.handle(fired("humidity-low", "pi-vm", "livingroom")))
                .isInstanceOf(Actuator.Outcome.Ignored.class);
        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void scopeAnyActsOnEveryDevice() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.ANY);

        actuator.handle(fired("temperature-high", "pi-elsewhere", "garage"));

        assertThat(level(FAN)).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void whatIsNotAnAlertIsRefusedWithAReason() {
        Actuator actuator = actuator("temperature-high=17", ActuatorScope.DEVICE);
        var reading = CloudEventBuilder.v1().withId("r1").withSource(URI.create("/devices/pi-vm"))
                .withType("io.kedge.reading.v1").withDataContentType("application/json")
                .withData("{}".getBytes()).build();
        var garbage = CloudEventBuilder.v1().withId("a1").withSource(URI.create("/devices/pi-vm"))
                .withType("io.kedge.alert.fired.v1").withDataContentType("application/json")
                .withData("[1,2]".getBytes()).build();

        assertThat(actuator.handle(reading)).isInstanceOfSatisfying(Actuator.Outcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("io.kedge.reading.v1"));
        assertThat(actuator.handle(garbage)).isInstanceOf(Actuator.Outcome.Refused.class);
    }

    @Test
    void statesShowEachOutputItsRulesAndItsIncidents() {
        Actuator actuator = actuator("temperature-high=17,temperature-rising=17,humidity-high=27:active-low",
                ActuatorScope.DEVICE);
        actuator.handle(fired("temperature-rising", "pi-vm", "livingroom"));

        assertThat(actuator.states()).containsExactly(
                new Actuator.State(FAN, java.util.List.of("temperature-high", "temperature-rising"), true,
                        java.util.List.of("temperature-rising/pi-vm")),
                new Actuator.State(RELAY, java.util.List.of("humidity-high"), false, java.util.List.of()));
    }

    @Test
    void closingLeavesEveryOutputOff() {
        Actuator actuator = actuator("temperature-high=17,humidity-high=27:active-low", ActuatorScope.DEVICE);
        actuator.handle(fired("temperature-high", "pi-vm", "livingroom"));
        actuator.handle(fired("humidity-high", "pi-vm", "livingroom"));

        outputs.close();

        assertThat(level(FAN)).isEqualTo(DigitalState.LOW);
        assertThat(level(RELAY)).isEqualTo(DigitalState.HIGH);
    }
}
