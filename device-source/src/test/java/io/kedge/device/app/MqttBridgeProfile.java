package io.kedge.device.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The device as a LoRa gateway's bridge: MQTT on, no sensor of its own. */
public class MqttBridgeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kedge.device.mqtt.enabled", "true",
                "kedge.device.sensor", "none",
                "kedge.device.mqtt.default-sensor", "dht22");
    }
}
