package io.kedge.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real Mosquitto (with persistence) for {@code @QuarkusTest}s. Its host and port go into the
 * properties named by the {@code host-property} and {@code port-property} init args (default: the
 * device source's MQTT bridge, {@code kedge.device.mqtt.host} / {@code .port}).
 */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    private static volatile MosquittoServer current;
    private String hostProperty = "kedge.device.mqtt.host";
    private String portProperty = "kedge.device.mqtt.port";

    @Override
    public void init(Map<String, String> initArgs) {
        hostProperty = initArgs.getOrDefault("host-property", hostProperty);
        portProperty = initArgs.getOrDefault("port-property", portProperty);
    }

    @Override
    public Map<String, String> start() {
        current = MosquittoServer.start(true);
        return Map.of(hostProperty, "127.0.0.1", portProperty, String.valueOf(current.port()));
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The broker of the running test application. */
    public static MosquittoServer server() {
        if (current == null) {
            throw new IllegalStateException("no Mosquitto is running: annotate the test with @QuarkusTestResource(MosquittoResource.class)");
        }
        return current;
    }
}
