package io.kedge.device.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A device that drives a fan (GPIO17) and an active-low relay (GPIO27) on Pi4J's mock platform. */
public class ActuatorProfile implements QuarkusTestProfile {

    static final String DEVICE_ID = "pi-actuator-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kedge.device.id", DEVICE_ID,
                "kedge.device.sensor", "none",
                "kedge.device.pi4j.platform", "mock",
                "kedge.device.actuator.pins", "temperature-high=17,humidity-high=27:active-low",
                // nothing listens there: these tests send nothing
                "kedge.device.sink", "http://127.0.0.1:9/kedge/default");
    }
}
