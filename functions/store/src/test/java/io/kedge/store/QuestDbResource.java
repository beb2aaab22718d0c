package io.kedge.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An embedded QuestDB for {@code @QuarkusTest}s of the 2.x write API: configures the store for
 * {@code api=v2} against it. Tests reach the server through {@link #server()}.
 */
public class QuestDbResource implements QuarkusTestResourceLifecycleManager {

    public static final String ORG = "kedge";
    public static final String BUCKET = "sensor_data";
    private static volatile QuestDbServer current;

    @Override
    public Map<String, String> start() {
        current = QuestDbServer.start();
        return Map.of(
                "kedge.store.influx.api", "v2",
                "kedge.store.influx.url", current.url(),
                "kedge.store.influx.token", "kedge-test-token",
                "kedge.store.influx.org", ORG,
                "kedge.store.influx.bucket", BUCKET);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    public static QuestDbServer server() {
        if (current == null) {
            throw new IllegalStateException("no QuestDB is running: annotate the test with @QuarkusTestResource(QuestDbResource.class)");
        }
        return current;
    }
}
