package io.kedge.device;

import io.kedge.testkit.AppProcess;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real local broker (the packaged {@code eventing/broker}, which the root reactor builds before
 * this module; run from a copy, see {@link #jar()}) as its own JVM: broker {@code kedge/default} with one Trigger per
 * event type (by default {@code io.kedge.reading.v1} and {@code io.kedge.reading.rejected.v1}) to a subscriber URL. Its
 * manifests and durable store live in a temp dir; it can be started after the device, to play a
 * sink that comes back.
 */
public final class LocalBroker implements AutoCloseable {

    private static final Path BUILT = Repo.path("eventing/broker/target/quarkus-app");
    private static Path snapshot;

    private final Path dir;
    private final AppProcess app;

    private LocalBroker(Path dir, AppProcess app) {
        this.dir = dir;
        this.app = app;
    }

    /** Starts the broker on {@code port}, delivering readings to {@code subscriber}, and waits until it is ready. */
    public static LocalBroker start(int port, String subscriber) {
        return start(port, subscriber, "io.kedge.reading.v1", "io.kedge.reading.rejected.v1");
    }

    /** Starts the broker on {@code port} with one Trigger per type in {@code types} to {@code subscriber}. */
    public static LocalBroker start(int port, String subscriber, String... types) {
        try {
            Path dir = Files.createTempDirectory("kedge-device-broker-");
            Path manifests = Files.createDirectories(dir.resolve("k8s"));
            Files.writeString(manifests.resolve("broker.yaml"), """
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata:
                      name: default
                      namespace: kedge
                    spec:
                      delivery:
                        retry: 10
                        backoffPolicy: exponential
                        backoffDelay: PT0.1S
                    """);
            for (String type : types) {
                String name = type.replace('.', '-');
                Files.writeString(manifests.resolve(name + "-trigger.yaml"), """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          name: %s
                          namespace: kedge
                        spec:
                          broker: default
                          filter:
                            attributes:
                              type: %s
                          subscriber:
                            uri: %s
                        """.formatted(name, type, subscriber));
            }
            Path services = Files.writeString(dir.resolve("services.properties"), "");
            AppProcess app = AppProcess.start("broker", jar(), port, Map.of(
                    "KEDGE_BROKER_MANIFESTS", manifests.toString(),
                    "KEDGE_BROKER_SERVICES", services.toString(),
                    "KEDGE_BROKER_DATA", dir.resolve("data").toString()));
            return new LocalBroker(dir, app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The broker's {@code quarkus-run.jar}, from a copy of its {@code quarkus-app} taken once per test
     * JVM: other builds of the reactor may replace the broker's jars while a test runs it.
     */
    public static synchronized Path jar() {
        if (snapshot == null) {
            if (!Files.isRegularFile(BUILT.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(BUILT + " has no quarkus-run.jar: build the broker first"
                        + " (cd eventing/broker && ../../mvnw -B -DskipTests package, or the root build)");
            }
            try {
                Path copy = Files.createTempDirectory("kedge-broker-app-");
                try (var paths = Files.walk(BUILT)) {
                    for (Path source : (Iterable<Path>) paths::iterator) {
                        Path target = copy.resolve(BUILT.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(source, target);
                        }
                    }
                }
                snapshot = copy.resolve("quarkus-run.jar");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + BUILT, e);
            }
        }
        return snapshot;
    }

    /** The ingress of broker {@code kedge/default} on {@code port}, known before the broker runs. */
    public static String ingress(int port) {
        return "http://127.0.0.1:" + port + "/kedge/default";
    }

    /** Stops the broker (its durable log stays) until {@link #restart()}. */
    public void stop() {
        app.stop();
    }

    /** Starts it again on the same port and data directory. */
    public void restart() {
        app.restart();
    }

    public String logTail() {
        return app.logTail();
    }

    @Override
    public void close() {
        app.close();
        delete(dir);
    }

    private static void delete(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test for
        }
    }
}
