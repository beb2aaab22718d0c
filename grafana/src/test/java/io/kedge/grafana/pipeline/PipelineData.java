package io.kedge.grafana.pipeline;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real InfluxDB holding pipeline data: the store function's packaged jar writes it, from the
 * CloudEvents of {@link Feed} (readings, rejected readings, alerts, summaries), exactly as the
 * broker would deliver them. Also runs the alert
 * function's jar, configured as the deployment tells, with its sink pointing at a
 * {@link SinkReceiver}. Started once per test run and shared (see {@link PipelineExtension}).
 */
public final class PipelineData implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final InfluxServer influx;
    public final AppProcess store;
    public final AppProcess alert;
    public final SinkReceiver sink;
    public final Deployment deployment = Deployment.random();
    /** The instant the feed's times are relative to. */
    public final Instant fedAt;
    private final List<AutoCloseable> started = new ArrayList<>();

    private PipelineData() {
        try {
            influx = track(InfluxServer.start());
            store = track(AppProcess.start("store", jar("functions/store"), Map.of("KEDGE_STORE_INFLUX_URL", influx.url())));
            sink = track(SinkReceiver.start());
            Map<String, String> alertEnv = new LinkedHashMap<>(deployment.alertEnvironment());
            alertEnv.put("KEDGE_ALERT_INFLUX_URL", influx.url());
            alertEnv.put("K_SINK", sink.url());
            alert = track(AppProcess.start("alert", jar("functions/alert"), alertEnv));
            fedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (CloudEvent event : Feed.readings(fedAt)) {
                storeEvent(event);
            }
            for (CloudEvent event : Feed.alerts(fedAt)) {
                storeEvent(event);
            }
            for (CloudEvent event : Feed.rejections(fedAt)) {
                storeEvent(event);
            }
            for (CloudEvent event : Feed.summaries(fedAt)) {
                storeEvent(event);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static PipelineData start() {
        return new PipelineData();
    }

    /** Grafana's environment for this deployment: InfluxDB and the alert function as running here. */
    public Map<String, String> grafanaEnvironment() {
        return deployment.grafanaEnvironment(influx.url(), alert.url());
    }

    /**
     * Delivers {@code event} to the store function in binary mode, as the broker does.
     *
     * @throws IllegalStateException unless the store answers 204 (stored)
     */
    public void storeEvent(CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(store.url() + "/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("store answered " + response.statusCode() + " to " + event.getType()
                        + " " + event.getId() + ": " + response.body() + "\n" + store.logTail());
            }
        } catch (IOException e) {
            throw new IllegalStateException("store unreachable: " + e + "\n" + store.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines of both functions' logs, for failure messages. */
    public String logs() {
        return "\n--- store ---\n" + store.logTail() + "\n--- alert ---\n" + alert.logTail();
    }

    private static Path jar(String module) {
        return Repo.path(module + "/target/quarkus-app/quarkus-run.jar");
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(0, resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
