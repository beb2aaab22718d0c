package io.kedge.fuzz.target;

import io.kedge.testkit.AppProcess;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the real applications from a private copy of their {@code target/quarkus-app}: on a
 * shared machine another build may rewrite those directories while a long run is going, and a
 * class loaded from a half-written jar would look like a crash of the app.
 */
public final class Apps {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Copies {@code module}'s quarkus-app into {@code work} and starts it as {@code name}. */
    public static AppProcess start(String name, String module, Path work, Map<String, String> environment) {
        return start(name, module, work, environment, -1);
    }

    public static AppProcess start(String name, String module, Path work, Map<String, String> environment, int port) {
        Path source = Repo.path(module + "/target/quarkus-app");
        if (!Files.isRegularFile(source.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(source.resolve("quarkus-run.jar") + " does not exist: build it first"
                    + " (./mvnw -B -DskipTests package)");
        }
        Path copy = work.resolve(name + "-app");
        copyTree(source, copy);
        Path jar = copy.resolve("quarkus-run.jar");
        return port < 0 ? AppProcess.start(name, jar, environment) : AppProcess.start(name, jar, port, environment);
    }

    /** Whether the app is still running and {@code /q/health/ready} answers 200. */
    public static boolean healthy(AppProcess app) {
        if (!app.isRunning()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** VmRSS of the process from /proc, or -1. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static Path workDir(String name) {
        try {
            return Files.createTempDirectory("kedge-fuzz-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work dir for " + name, e);
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    private Apps() {
    }
}
