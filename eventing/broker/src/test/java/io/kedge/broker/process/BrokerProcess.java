package io.kedge.broker.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged broker (target/quarkus-app, built by {@code package} before failsafe runs the *IT
 * tests) as its own JVM, on the manifests of src/test/resources/broker-process, with both
 * subscriber services at the URLs given. Its data directory is the default {@code .kedge/broker}
 * under the process's own working directory, so a restart finds it again.
 */
final class BrokerProcess implements AutoCloseable {

    static final String INGRESS = "/proc/default";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final AppProcess app;
    private final Path services;

    BrokerProcess(URI upSubscriber, URI downSubscriber, Map<String, String> environment) {
        try {
            services = Files.createTempFile("kedge-broker-process", ".properties");
            Files.writeString(services, "up-subscriber=" + upSubscriber + "\ndown-subscriber=" + downSubscriber + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("KEDGE_BROKER_MANIFESTS", Path.of("src/test/resources/broker-process").toAbsolutePath().toString());
        env.put("KEDGE_BROKER_SERVICES", services.toString());
        app = AppProcess.start("broker", JAR.toAbsolutePath(), env);
    }

    /** Posts {@code event} in binary mode; returns the status. */
    int post(CloudEvent event) {
        try {
            return HTTP.send(request(event), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts every event with {@code concurrency} requests in flight, as a busy sender would.
     *
     * @return how many were answered 202
     */
    int postAll(List<CloudEvent> events, int concurrency) {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger accepted = new AtomicInteger();
        for (CloudEvent event : events) {
            slots.acquireUninterruptibly();
            HTTP.sendAsync(request(event), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 202) {
                    accepted.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquireUninterruptibly(concurrency);
        return accepted.get();
    }

    /** The readiness check's data: backlog per Trigger, dead letters, ... */
    JsonNode health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(response.body()).get("checks")) {
                if (check.get("name").asText().equals("kedge-broker")) {
                    return check.get("data");
                }
            }
            throw new IllegalStateException("no kedge-broker check in " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long backlog(String trigger) {
        return health().get("backlog " + trigger).asLong();
    }

    long backlog() {
        return health().get("backlog").asLong();
    }

    /** Store changes a crash would undo now. */
    long uncommitted() {
        return health().get("uncommitted").asLong();
    }

    /** Resident memory of the broker process in KiB, from /proc. */
    long rssKib() {
        long pid = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(JAR.toAbsolutePath().toString()))
                .findFirst().orElseThrow(() -> new IllegalStateException("the broker is not a child of this JVM"))
                .pid();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private HttpRequest request(CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + INGRESS))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        return request.build();
    }

    @Override
    public void close() {
        app.close();
        try {
            Files.deleteIfExists(services);
        } catch (IOException e) {
            // a temp file left behind is not worth failing a test for
        }
    }
}
