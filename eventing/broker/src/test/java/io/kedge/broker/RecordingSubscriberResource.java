package io.kedge.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the {@link RecordingSubscriber} before the broker, and points the broker at the
 * src/test/resources/broker-it manifests with a services file that maps {@code recorder} to it.
 */
public class RecordingSubscriberResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RecordingSubscriber subscriber;
    private Path services;
    private Path data;

    /** The subscriber of the running test application. */
    public static RecordingSubscriber subscriber() {
        return subscriber;
    }

    @Override
    public Map<String, String> start() {
        try {
            subscriber = RecordingSubscriber.start();
            services = Files.createTempFile("kedge-broker-services", ".properties");
            Files.writeString(services, "recorder=" + subscriber.uri() + "\n");
            data = Files.createTempDirectory("kedge-broker-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kedge.broker.manifests", "src/test/resources/broker-it",
                "kedge.broker.services", services.toString(),
                "kedge.broker.data", data.toString());
    }

    @Override
    public void stop() {
        subscriber.close();
        try {
            Files.deleteIfExists(services);
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
