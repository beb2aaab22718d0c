package io.kedge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server binary run from a temp dir, with its output in a log file there. Common ground of the
 * InfluxDB and Mosquitto servers: find the binary, start, wait for the port, stop, clean up.
 */
abstract class ServerProcess implements AutoCloseable {

    protected final Path dir;
    private final String name;
    private Process process;

    protected ServerProcess(String name) {
        this.name = name;
        try {
            this.dir = Files.createTempDirectory("kedge-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for " + name, e);
        }
    }

    /** The binary, or an error naming the Debian package that provides it. */
    static Path binary(String executable, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return Path.of(dir, executable);
            }
        }
        throw new IllegalStateException(executable + " not found: install the Debian package '" + debianPackage
                + "' (apt-get install -y " + debianPackage + "), or run ./kedge test, which installs it");
    }

    protected void launch(List<String> command, Map<String, String> environment, int port, Duration within) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            Poll.until(name + " on port " + port, within, Duration.ofMillis(20),
                    () -> !process.isAlive() || isReady(), null);
        } catch (AssertionError e) {
            stopProcess();
            throw new IllegalStateException(e.getMessage() + "; log: " + tail(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
        }
    }

    /** Whether the server answers; called until it does. */
    protected abstract boolean isReady();

    public Path log() {
        return dir.resolve(name + ".log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's process id, so a benchmark can read its memory and CPU; -1 before it was started. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    protected void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL: the way power loss or the OOM killer ends a server. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopProcess();
        deleteRecursively(dir);
    }

    protected String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test for
        }
    }
}
