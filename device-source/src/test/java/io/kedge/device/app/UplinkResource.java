package io.kedge.device.app;

import io.kedge.device.RecordingSink;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link RecordingSink} as the upstream before the application and points the uplink at
 * it, with a 4 KiB uplink buffer so that one large event cannot be kept. No sensor is polled.
 */
public class UplinkResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RecordingSink current;

    @Override
    public Map<String, String> start() {
        current = RecordingSink.start();
        return Map.of(
                "kedge.device.sensor", "none",
                // nothing listens there: the device itself sends nothing in these tests
                "kedge.device.sink", "http://127.0.0.1:9/kedge/default",
                "kedge.device.uplink.url", current.url(),
                "kedge.device.uplink.buffer.max-size", "4K",
                "kedge.device.retry.initial-delay", "50ms",
                "kedge.device.retry.max-delay", "200ms");
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    static RecordingSink upstream() {
        if (current == null) {
            throw new IllegalStateException("no upstream: annotate the test with @WithTestResource(UplinkResource.class)");
        }
        return current;
    }
}
