package io.kedge.device.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A device with no uplink URL and no sensor. */
public class UplinkOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kedge.device.sensor", "none",
                // nothing listens there: these tests send nothing
                "kedge.device.sink", "http://127.0.0.1:9/kedge/default");
    }
}
