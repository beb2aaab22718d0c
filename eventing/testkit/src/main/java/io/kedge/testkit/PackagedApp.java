package io.kedge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The packaged Quarkus application of a module ({@code <module>/target/quarkus-app}), run from a
 * copy taken once per test JVM. Other builds on the machine may rebuild a module while a test
 * runs it, and a process that a fault test kills and starts again must come back from the same
 * jars it ran before, not from a half-written {@code lib/} directory.
 *
 * <p>The system property {@code kedge.apps.root} names another checkout to take the packaged
 * applications from (e.g. a clean build of a release), instead of this one.
 */
public final class PackagedApp {

    private static final Map<String, Path> SNAPSHOTS = new ConcurrentHashMap<>();

    /**
     * The {@code quarkus-run.jar} of {@code module} (e.g. {@code "functions/store"}), in this JVM's
     * copy of its {@code quarkus-app}; the copy is deleted when the JVM exits.
     *
     * @throws IllegalStateException when the module has not been packaged
     */
    public static Path jar(String module) {
        return SNAPSHOTS.computeIfAbsent(module, PackagedApp::snapshot);
    }

    private static Path snapshot(String module) {
        String root = System.getProperty("kedge.apps.root");
        Path built = (root == null || root.isBlank() ? Repo.root() : Path.of(root)).resolve(module + "/target/quarkus-app");
        if (!Files.isRegularFile(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(built + " has no quarkus-run.jar: package it first"
                    + " (./mvnw -B -q -DskipTests install from the repository root)");
        }
        try {
            Path copy = Files.createTempDirectory("kedge-app-" + module.replace('/', '-') + "-");
            try (Stream<Path> paths = Files.walk(built)) {
                for (Path source : (Iterable<Path>) paths::iterator) {
                    Path target = copy.resolve(built.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy)));
            return copy.resolve("quarkus-run.jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + built, e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test run for
        }
    }

    private PackagedApp() {
    }
}
