package io.kedge.testkit;

import io.kedge.contract.codec.HttpMessage;
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

/**
 * One Kedge application (a Quarkus fast-jar) run as its own JVM, the way the launcher runs it:
 * for tests that need the real processes, not an in-JVM stand-in. Ready means
 * {@code /q/health/ready} answers 200.
 */
public final class AppProcess extends ServerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** The JVM options of every app unless a test names its own: the launcher's defaults, plus C1 only for fast starts. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1");

    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;

    private AppProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions) {
        super(name);
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts {@code jar} on a free port with {@code environment} added, and waits until ready.
     *
     * @throws IllegalStateException with the tail of its log when it exits or is not ready in 60 s
     */
    public static AppProcess start(String name, Path jar, Map<String, String> environment) {
        return start(name, jar, FreePorts.next(), environment);
    }

    /**
     * Starts {@code jar} on {@code port}: for applications that must know each other's URLs before
     * either runs (a broker and a function that posts back to it).
     */
    public static AppProcess start(String name, Path jar, int port, Map<String, String> environment) {
        return start(name, jar, port, environment, DEFAULT_JVM_OPTIONS);
    }

    /**
     * Starts {@code jar} on {@code port} with {@code jvmOptions} instead of {@link #DEFAULT_JVM_OPTIONS}:
     * for tests of the options a deployment documents (heap, metaspace, code cache).
     */
    public static AppProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (./mvnw -DskipTests package)");
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        AppProcess app = new AppProcess(name, jar, port, env, jvmOptions);
        app.launch();
        return app;
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        launch(command, environment, port, Duration.ofSeconds(60));
    }

    @Override
    protected boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts it again after {@link #kill()} or {@link #stop()}, on the same port. */
    public void restart() {
        if (isRunning()) {
            stopProcess();
        }
        launch();
    }

    public void stop() {
        stopProcess();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The whole log so far, for assertions and failure messages. */
    public String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POSTs {@code message} to {@code /}, as the broker delivers an event; the answer within 10 s.
     *
     * @throws IllegalStateException with the tail of the log when the app cannot be reached
     */
    public HttpResponse<byte[]> post(HttpMessage message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(url() + " unreachable: " + e + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer as a message, so that {@code CloudEventHttp.decode} reads the reply event in it. */
    public static HttpMessage message(HttpResponse<byte[]> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        return new HttpMessage(headers, response.body());
    }

    /** The last lines of the log, to explain a failure. */
    public String logTail() {
        return tail();
    }
}
