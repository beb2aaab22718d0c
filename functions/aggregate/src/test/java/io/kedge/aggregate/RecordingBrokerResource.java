package io.kedge.aggregate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link RecordingBroker} before the application and points {@code kedge.aggregate.sink} at it. */
public class RecordingBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RecordingBroker current;

    @Override
    public Map<String, String> start() {
        current = RecordingBroker.start();
        return Map.of("kedge.aggregate.sink", current.url());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    public static RecordingBroker broker() {
        if (current == null) {
            throw new IllegalStateException("annotate the test with @QuarkusTestResource(RecordingBrokerResource.class)");
        }
        return current;
    }
}
