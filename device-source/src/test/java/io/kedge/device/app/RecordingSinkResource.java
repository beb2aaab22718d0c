package io.kedge.device.app;

import io.kedge.device.RecordingSink;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link RecordingSink} before the application and points the device at it, polling
 * every 100 ms (the %test profile lowers the DHT11's 2 s floor for this).
 */
public class RecordingSinkResource implements QuarkusTestResourceLifecycleManager {

    static final String DEVICE_ID = "pi-quarkus-test";
    private static volatile RecordingSink current;

    @Override
    public Map<String, String> start() {
        current = RecordingSink.start();
        return Map.of(
                "kedge.device.sink", current.url(),
                "kedge.device.id", DEVICE_ID,
                "kedge.device.location", "lab",
                "kedge.device.interval", "100ms",
                "kedge.device.ce-overrides", "{\"extensions\":{\"site\":\"plant-1\"}}",
                "kedge.device.simulated.seed", "42");
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    static RecordingSink sink() {
        if (current == null) {
            throw new IllegalStateException("no sink: annotate the test with @WithTestResource(RecordingSinkResource.class)");
        }
        return current;
    }
}
