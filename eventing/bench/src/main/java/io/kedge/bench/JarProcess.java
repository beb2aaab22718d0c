package io.kedge.bench;

import io.kedge.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kedge app (the broker, a function) run as its own JVM from its Quarkus fast-jar the way
 * {@code ./kedge up} runs it, with the JVM options under test, on a free loopback port, its output
 * in a log file. {@link #close()} stops it (SIGTERM, then SIGKILL), and a shutdown hook does the
 * same when the benchmark is interrupted: no app is left behind.
 */
final class JarProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final StopAtExit stopAtExit;
    private volatile Duration grace = Duration.ofSeconds(15);
    private volatile boolean exitedInTime = true;

    private JarProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopAtExit = new StopAtExit(name, this::stop);
    }

    /**
     * Starts {@code jar} with {@code environment} added and waits until {@code /q/health/ready} answers 200.
     *
     * @param name what the app is, for messages ({@code broker}, {@code validate})
     * @param module its module, for the build hint when the jar is missing ({@code eventing/broker})
     * @throws IllegalStateException with the tail of the log when it exits or is not ready within 60 s
     */
    static JarProcess start(String name, String module, Path jar, List<String> jvmOptions, Map<String, String> environment,
                            Path log) {
        return start(name, module, jar, jvmOptions, environment, log, FreePorts.next());
    }

    /**
     * As {@link #start(String, String, Path, List, Map, Path)}, on {@code port}: for apps that must
     * know each other's URLs before either runs (a broker and a function that posts back to it).
     */
    static JarProcess start(String name, String module, Path jar, List<String> jvmOptions, Map<String, String> environment,
                            Path log, int port) {
        JarProcess app = spawn(name, module, jar, jvmOptions, environment, log, port);
        try {
            app.awaitReady();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Starts an app as the launcher does ({@link AppJvm}: its JVM options, and its environment lines
     * under {@code environment} under {@code overrides}, the later winning), saying what it starts
     * and where it is ready on {@code out}.
     *
     * @param overrides a benchmark's {@code --env}
     * @param port      0 for a free one
     */
    static JarProcess launch(BenchOutput out, String name, String module, Path jar, AppJvm jvm,
                             Map<String, String> environment, Map<String, String> overrides, Path log, int port) {
        Map<String, String> env = new LinkedHashMap<>(jvm.environment());
        env.putAll(environment);
        env.putAll(overrides);
        out.progress("starting %s: %s %s (log %s)", name, String.join(" ", jvm.options()), jar, log);
        JarProcess process = start(name, module, jar, jvm.options(), env, log, port == 0 ? FreePorts.next() : port);
        out.progress("%s pid %d ready at %s", name, process.pid(), process.url());
        return process;
    }

    /**
     * Starts {@code jar} on {@code port} and returns at once, without waiting for it to be ready:
     * for the cold-start benchmark, which times the start itself.
     */
    static JarProcess spawn(String name, String module, Path jar, List<String> jvmOptions, Map<String, String> environment,
                            Path log, int port) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the " + name + " first"
                    + " (./mvnw -B -DskipTests -pl " + module + " -am package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            return new JarProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " exited with " + process.exitValue() + " while starting; "
                        + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + name, e);
            }
            pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException("the " + name + " was not ready within " + READY_WITHIN.toSeconds() + " s; "
                + logTail());
    }

    /** What the app is ({@code broker}, {@code validate}), as given to {@link #start}. */
    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails naming the app and the end of its log when it is no longer running. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + name + " died during the benchmark; " + logTail());
        }
    }

    /** The last lines of the app's log, to explain a failure. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    @Override
    public void close() {
        stopAtExit.close();
    }

    /**
     * Stops the app (SIGTERM) and waits up to {@code grace} for it to exit before SIGKILL: a JVM
     * that writes a class-data archive at exit needs longer than the usual 15 s on a busy machine.
     *
     * @return whether it exited by itself within {@code grace}
     */
    boolean stop(Duration grace) {
        this.grace = grace;
        close();
        return exitedInTime;
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                exitedInTime = false;
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
