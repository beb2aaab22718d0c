package io.kedge.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.Sources;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.MosquittoServer;
import io.kedge.testkit.PackagedApp;
import io.kedge.testkit.Poll;
import io.kedge.testkit.QosOnePublisher;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The readings path of the local stack as real processes, for killing its parts: InfluxDB 1.6.7,
 * Mosquitto (persistent), the store and validate functions and the broker, each its own process
 * started as {@code ./kedge up} starts it; device sources are started per test.
 *
 * <p>The broker reads {@code broker.yaml}, {@code validate-trigger.yaml} and
 * {@code store-trigger.yaml} copied unchanged from {@code eventing/k8s}: the retry budgets under
 * test are the ones the repository ships. The other Triggers (alert, aggregate, actuator, uplink)
 * are left out because their subscribers are not run here, and a Trigger whose subscriber never
 * answers would only fill the dead-letter queue and take CPU from the path under test.
 */
final class FaultStack implements AutoCloseable {

    static final String DATABASE = "sensor_data";
    static final String MEASUREMENT = "rpi_dht11";
    static final String LOCATION = "faultlab";
    static final String STORE_TRIGGER = "store-validated";
    static final String VALIDATE_TRIGGER = "validate-readings";
    private static final List<String> MANIFESTS = List.of("broker.yaml", "validate-trigger.yaml", "store-trigger.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    final InfluxServer influx;
    final MosquittoServer mosquitto;
    final AppProcess store;
    final AppProcess validate;
    final AppProcess broker;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<AppProcess> deviceSources = new CopyOnWriteArrayList<>();
    private boolean closed;
    private final Thread closeAtExit = new Thread(this::close, "fault-stack-close");

    FaultStack() {
        long begin = System.nanoTime();
        // Children outlive a JVM that is told to stop (Ctrl-C, failsafe's timeout) unless stopped here.
        Runtime.getRuntime().addShutdownHook(closeAtExit);
        try {
            dir = Files.createTempDirectory("kedge-fault-");
            Path manifests = Files.createDirectories(dir.resolve("k8s"));
            for (String file : MANIFESTS) {
                Files.copy(Repo.path("eventing/k8s/" + file), manifests.resolve(file));
            }
            Path services = Files.writeString(dir.resolve("services.properties"), "");
            influx = track(InfluxServer.start(), InfluxServer::log);
            mosquitto = track(MosquittoServer.start(true), MosquittoServer::log);
            store = track(AppProcess.start("store", PackagedApp.jar("functions/store"),
                    Map.of("KEDGE_STORE_INFLUX_URL", influx.url())), AppProcess::log);
            validate = track(AppProcess.start("validate", PackagedApp.jar("functions/validate"), Map.of()), AppProcess::log);
            broker = track(AppProcess.start("broker", PackagedApp.jar("eventing/broker"), Map.of(
                    "KEDGE_BROKER_MANIFESTS", manifests.toString(),
                    "KEDGE_BROKER_SERVICES", services.toString(),
                    "KEDGE_BROKER_DATA", dir.resolve("broker").toString(),
                    "KEDGE_SERVICE_KEDGE_VALIDATE", validate.url(),
                    "KEDGE_SERVICE_KEDGE_STORE", store.url())), AppProcess::log);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        Progress.log("stack up in %.1f s: influxd pid %d, mosquitto pid %d, store pid %d, validate pid %d, broker pid %d (load %s)",
                (System.nanoTime() - begin) / 1e9, influx.pid(), mosquitto.pid(), store.pid(), validate.pid(), broker.pid(),
                Progress.loadAverage());
    }

    private <T extends AutoCloseable> T track(T process, Function<T, Path> log) {
        started.add(0, process);
        logs.add(log.apply(process));
        return process;
    }

    /** The broker's ingress, {@code /kedge/default} as in eventing/k8s/broker.yaml. */
    String ingress() {
        return broker.url() + "/kedge/default";
    }

    /**
     * A device source of its own: buffer under this stack's temp dir, sending to the broker, no
     * simulated faults, spikes or outages (validate would reject a spike, and sent would not equal
     * stored for a reason that is not a fault), and at most 1 s between retries so that a test
     * does not wait out the default 30 s backoff after the broker returns.
     */
    DeviceSource startDeviceSource(String name, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("K_SINK", ingress());
        env.put("KEDGE_DEVICE_LOCATION", LOCATION);
        env.put("KEDGE_DEVICE_BUFFER_DIR", dir.resolve(name + "-buffer").toString());
        env.put("KEDGE_DEVICE_UPLINK_BUFFER_DIR", dir.resolve(name + "-uplink").toString());
        env.put("KEDGE_DEVICE_SIMULATED_FAULT_RATE", "0");
        env.put("KEDGE_DEVICE_SIMULATED_SPIKE_RATE", "0");
        env.put("KEDGE_DEVICE_SIMULATED_OUTAGE_RATE", "0");
        env.put("KEDGE_DEVICE_RETRY_MAX_DELAY", "1s");
        env.put("KEDGE_DEVICE_LOG_INTERVAL", "5s");
        env.putAll(environment);
        AppProcess app = AppProcess.start(name, PackagedApp.jar("device-source"), env);
        deviceSources.add(app);
        return new DeviceSource(app);
    }

    /** The MQTT bridge's settings for a device source that only bridges {@code topic} (no sensor). */
    Map<String, String> mqttBridge(String deviceId, String topic) {
        return Map.of(
                "KEDGE_DEVICE_ID", deviceId,
                "KEDGE_DEVICE_SENSOR", "none",
                "KEDGE_DEVICE_MQTT_ENABLED", "true",
                "KEDGE_DEVICE_MQTT_HOST", "127.0.0.1",
                "KEDGE_DEVICE_MQTT_PORT", String.valueOf(mosquitto.port()),
                "KEDGE_DEVICE_MQTT_TOPIC", topic);
    }

    /** Points of {@code device} in InfluxDB; 0 while the database does not exist or InfluxDB is down. */
    long storedCount(String device) {
        try {
            List<Map<String, Object>> rows = influx.rows(DATABASE,
                    "SELECT count(temperature) FROM " + MEASUREMENT + " WHERE device = '" + device + "'");
            return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    /** The time (epoch ms) of every point of {@code device}, one entry per point, in every series. */
    List<Long> storedTimes(String device) {
        return influx.rows(DATABASE, "SELECT temperature FROM " + MEASUREMENT + " WHERE device = '" + device + "'")
                .stream()
                .map(row -> ((Number) row.get("time")).longValue())
                .toList();
    }

    /** Sum of a broker meter over the series of {@code trigger} (e.g. {@code kedge_broker_retries_total}). */
    double brokerMetric(String name, String trigger) {
        return metric(broker, name, "trigger=\"kedge/" + trigger + "\"");
    }

    /** Sum of the Prometheus series of {@code name} at {@code app} whose labels contain {@code labels}. */
    static double metric(AppProcess app, String name, String labels) {
        double sum = 0;
        for (String line : get(app.url() + "/q/metrics").split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Dead letters the broker holds for {@code trigger}. */
    long deadLetters(String trigger) {
        return json(get(broker.url() + "/admin/dlq?trigger=" + encode(trigger))).path("total").asLong();
    }

    /** Replays the dead letters of {@code trigger}, as {@code ./kedge dlq replay --trigger} does; the broker's answer. */
    JsonNode replayDeadLetters(String trigger) {
        return json(send(HttpRequest.newBuilder(URI.create(broker.url() + "/admin/dlq/replay?trigger=" + encode(trigger) + "&wait=60"))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build()));
    }

    /**
     * Posts one validated reading of {@code device} straight to the store function, as the broker
     * would deliver it, and returns the store's status code.
     */
    int postToStore(String device) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(ReadingIds.of(device, "dht11", now))
                .withSource(Sources.device(device))
                .withType(EventTypes.READING_VALIDATED)
                .withSubject("dht11")
                .withTime(now.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(new ValidatedReading(device, LOCATION, "dht11", 21.0, 45.0, null, now.toString(), null)))
                .build();
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(store.url() + "/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("store at " + store.url() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until {@code bridge} is subscribed to {@code topic}: Mosquitto keeps messages only for
     * a session that exists, so a message published before the bridge's first subscription would
     * be lost for a reason that is not a fault. Probes carry a device id of their own.
     */
    void awaitSubscribed(DeviceSource device, String topic) {
        AppProcess bridge = device.app();
        try (QosOnePublisher probe = new QosOnePublisher("127.0.0.1", mosquitto.port(), "probe-" + bridge.port())) {
            Poll.until("the MQTT bridge of " + bridge.log().getFileName() + " subscribed to " + topic, Duration.ofSeconds(60),
                    Duration.ofMillis(500), () -> {
                        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                        probe.publish(topic, "{\"deviceId\":\"probe-" + bridge.port() + "\",\"location\":\"" + LOCATION
                                + "\",\"sensor\":\"dht11\",\"temperature\":21.0,\"humidity\":45,\"time\":\"" + now + "\"}");
                        return status(bridge).path("mqtt").path("accepted").asLong() > 0;
                    }, bridge::logTail);
        }
    }

    /** {@code /q/health} of {@code app} (200 or 503, with the checks), for failure messages. */
    static String health(AppProcess app) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return "/q/health " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "/q/health unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "/q/health interrupted";
        }
    }

    /** {@code /status} of a device source. */
    static JsonNode status(AppProcess device) {
        return json(get(device.url() + "/status"));
    }

    /**
     * Starts whatever a failed test left stopped, so that the next test finds the whole stack:
     * processes come back on their ports and data directories.
     */
    void heal() {
        if (!influx.isRunning()) {
            influx.restart();
        }
        if (!mosquitto.isRunning()) {
            mosquitto.restart();
        }
        for (AppProcess app : List.of(store, validate, broker)) {
            if (!app.isRunning()) {
                Progress.log("healing: starting %s again after a failed test", app.log().getFileName());
                app.restart();
            }
        }
    }

    /** The tail of every process's log, for failure messages. */
    String logs(AppProcess... more) {
        StringBuilder out = new StringBuilder();
        List<AppProcess> apps = new ArrayList<>(List.of(store, validate, broker));
        apps.addAll(List.of(more));
        for (AppProcess app : apps) {
            out.append("\n--- ").append(app.log().getFileName()).append(" ---\n").append(app.logTail());
        }
        return out.toString();
    }

    private static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Copies {@code log} to {@code target/fault-logs/} (the module's, the working directory of
     * failsafe), named after its process and the time, so that what happened can be read after the
     * processes and their temp dirs are gone.
     */
    static void keepLog(Path log) {
        try {
            Path kept = Files.createDirectories(Path.of("target", "fault-logs"));
            String name = log.getFileName().toString().replace(".log", "")
                    + "-" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + ".log";
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the log is for reading later; losing it must not fail a test
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(closeAtExit);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
        deviceSources.forEach(AppProcess::close);
        logs.forEach(FaultStack::keepLog);
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp dir is not worth failing a test run for
            }
        }
    }
}
