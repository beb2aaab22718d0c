package io.kedge.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real InfluxDB for {@code @QuarkusTest}s:
 * {@code @QuarkusTestResource(InfluxResource.class)} starts it before the application and puts its
 * URL into the property named by the {@code url-property} init arg (default
 * {@code kedge.store.influx.url}). Tests reach the server through {@link #server()}.
 */
public class InfluxResource implements QuarkusTestResourceLifecycleManager {

    private static volatile InfluxServer current;
    private String urlProperty = "kedge.store.influx.url";

    @Override
    public void init(Map<String, String> initArgs) {
        urlProperty = initArgs.getOrDefault("url-property", urlProperty);
    }

    @Override
    public Map<String, String> start() {
        current = InfluxServer.start();
        return Map.of(urlProperty, current.url());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The server of the running test application. */
    public static InfluxServer server() {
        if (current == null) {
            throw new IllegalStateException("no InfluxDB is running: annotate the test with @QuarkusTestResource(InfluxResource.class)");
        }
        return current;
    }
}
