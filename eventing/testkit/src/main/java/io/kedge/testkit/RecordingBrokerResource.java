package io.kedge.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link RecordingBroker} for {@code @QuarkusTest}s: started before the application, its URL put
 * into the property named by the {@code sink-property} init arg, or by a subclass (a function's
 * own resource names its {@code kedge.<function>.sink} once, so that its tests need no init arg).
 * Tests reach the broker through {@link #broker()}.
 */
public class RecordingBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RecordingBroker current;
    private String sinkProperty;

    public RecordingBrokerResource() {
    }

    protected RecordingBrokerResource(String sinkProperty) {
        this.sinkProperty = sinkProperty;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        sinkProperty = initArgs.getOrDefault("sink-property", sinkProperty);
    }

    @Override
    public Map<String, String> start() {
        if (sinkProperty == null) {
            throw new IllegalStateException("name the sink's property: init arg sink-property, e.g. kedge.alert.sink");
        }
        current = RecordingBroker.start();
        return Map.of(sinkProperty, current.url());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The broker of the running test application. */
    public static RecordingBroker broker() {
        if (current == null) {
            throw new IllegalStateException("no broker is running: annotate the test with @QuarkusTestResource(RecordingBrokerResource.class)");
        }
        return current;
    }
}
