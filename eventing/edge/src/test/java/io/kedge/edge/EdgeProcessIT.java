package io.kedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.Poll;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the single-process edge mode end to end: the packaged edge app, started with the JVM
 * options of its README, runs the simulated DHT11, the broker (reading eventing/k8s) and the
 * functions in one JVM against a real InfluxDB, and everything arrives where the multi-process
 * stack puts it. Asserts by querying InfluxDB, and by what a notification webhook receives.
 */
class EdgeProcessIT {

    private static final String DATABASE = "sensor_data";
    private static final String MEASUREMENT = "rpi_dht11";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InfluxServer influx;
    private static HttpServer webhook;
    private static final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    /** Events the device source's uplink forwarded upstream: ce-type, ce-subject and the data. */
    private static final List<Map<String, Object>> uplinked = new CopyOnWriteArrayList<>();
    private static Path data;
    private static AppProcess edge;

    @BeforeAll
    static void startEdge() throws IOException {
        influx = InfluxServer.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/notify", exchange -> {
            notifications.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.createContext("/upstream", exchange -> {
            uplinked.add(Map.of("type", String.valueOf(exchange.getRequestHeaders().getFirst("ce-type")),
                    "data", JSON.readTree(exchange.getRequestBody())));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        webhook.start();
        data = Files.createTempDirectory("kedge-edge-it");
        Map<String, String> environment = new LinkedHashMap<>(jvmOptionsFile().environment());
        environment.putAll(Map.of(
                "KEDGE_INFLUX_URL", influx.url(),
                "KEDGE_BROKER_MANIFESTS", Repo.path("eventing/k8s").toString(),
                "KEDGE_BROKER_DATA", data.resolve("broker").toString(),
                "KEDGE_EDGE_SERVICE_DIRECTORY", data.resolve("services.properties").toString(),
                "KEDGE_DEVICE_BUFFER_DIR", data.resolve("device-source").toString(),
                "KEDGE_DEVICE_UPLINK_BUFFER_DIR", data.resolve("device-source-uplink").toString(),
                "KEDGE_DEVICE_ID", "pi-edge",
                "KEDGE_DEVICE_LOCATION", "attic",
                "KEDGE_DEVICE_UPLINK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/upstream",
                "KEDGE_ALERT_NOTIFY_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/notify"));
        edge = AppProcess.start("edge", JAR, FreePorts.next(), environment, jvmOptionsFile().options());
    }

    @Test
    void theReadmeRunsTheAppWithTheOptionsOfJvmOptions() throws IOException {
        // ./kedge up --edge reads jvm.options; the README's command must show the same
        assertThat(readmeJvmOptions()).containsExactlyElementsOf(jvmOptionsFile().options());
        assertThat(readmeBlock("## Run", "shell")).contains("MALLOC_ARENA_MAX=2");
        assertThat(jvmOptionsFile().environment()).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @AfterAll
    static void stopEdge() {
        if (edge != null) {
            edge.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void simulatedSensorReadingsAreStoredLikeTheReferenceDeploymentsTable() {
        Poll.until("two readings of pi-edge in " + DATABASE + "." + MEASUREMENT, Duration.ofSeconds(30),
                Duration.ofMillis(200), () -> stored("pi-edge").size() >= 2, edge::logTail);

        List<Map<String, Object>> rows = stored("pi-edge");
        assertThat(rows.get(0).keySet()).containsExactlyInAnyOrder("time", "device", "humidity", "location", "temperature");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("location")).isEqualTo("attic");
            assertThat(((Number) row.get("temperature")).doubleValue()).isBetween(0.0, 50.0);
            assertThat(((Number) row.get("humidity")).doubleValue()).isBetween(20.0, 90.0);
        });
    }

    @Test
    void theReadmeCurlReadingIsAcceptedAndStored() throws Exception {
        String curl = readmeBlock("## Send a reading", "bash").replace("http://127.0.0.1:8080", edge.url());

        Process process = new ProcessBuilder("bash", "-c", curl + " -s -o /dev/null -w '%{http_code}'")
                .redirectErrorStream(true).start();
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(status).isEqualTo("202");
        Poll.until("the curl reading in InfluxDB", Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> !stored("pi-curl").isEmpty(), edge::logTail);
        assertThat(stored("pi-curl").get(0)).containsEntry("location", "office").containsEntry("temperature", 22.5);
    }

    @Test
    void implausibleReadingIsAcceptedButNeverStored() throws Exception {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(postReading("pi-too-hot", "cellar", 75, time)).isEqualTo(202);

        // a plausible reading of another device posted after it is stored; by then the rejected one would be too
        assertThat(postReading("pi-after-too-hot", "cellar", 20, time)).isEqualTo(202);
        Poll.until("the plausible reading in InfluxDB", Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> !stored("pi-after-too-hot").isEmpty(), edge::logTail);
        assertThat(stored("pi-too-hot")).isEmpty();
    }

    @Test
    void threeFrostyReadingsFireOneAlertThatIsStoredAndNotified() throws Exception {
        // GIVEN the shipped rule temperature-low: below 5 °C for three readings in a row
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3);
        for (int i = 0; i < 3; i++) {
            // WHEN they are posted one at a time, as a device sends them
            assertThat(postReading("pi-frost", "kitchen", 2, first.plusSeconds(i))).isEqualTo(202);
            int stored = i + 1;
            Poll.until("frosty reading " + i + " stored", Duration.ofSeconds(10), Duration.ofMillis(20),
                    () -> stored("pi-frost").size() >= stored, edge::logTail);
        }

        // THEN validate → alert → broker → store (as kedge-store's private type) puts one firing alert
        // into the alerts measurement, and notify (the same event type, its own function) posts it
        Poll.until("the temperature-low alert in InfluxDB", Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> !rows("SELECT * FROM alerts WHERE device = 'pi-frost'").isEmpty(), edge::logTail);
        assertThat(rows("SELECT * FROM alerts WHERE device = 'pi-frost'")).singleElement().satisfies(alert ->
                assertThat(alert).containsEntry("rule", "temperature-low").containsEntry("location", "kitchen")
                        .containsEntry("severity", "critical").containsEntry("state", "firing"));
        Poll.until("the notification of the temperature-low alert", Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> notifications.stream().anyMatch(n -> "pi-frost".equals(n.path("deviceId").asText())), edge::logTail);
        assertThat(notifications).filteredOn(n -> "pi-frost".equals(n.path("deviceId").asText())).singleElement()
                .satisfies(n -> {
                    assertThat(n.path("status").asText()).isEqualTo("firing");
                    assertThat(n.path("rule").asText()).isEqualTo("temperature-low");
                });
    }

    @Test
    void theAggregateFunctionRunsHereAndItsSummaryLeavesThroughTheUplink() throws Exception {
        // GIVEN a reading two minutes ahead (validate allows 5 minutes of clock skew): its one-minute
        // window is open until a later reading closes it. Not one from the past: the PingSource's tick
        // at start may already have passed its window, and aggregate would drop it as late.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(120);
        assertThat(postReading("pi-windows", "hall", 20, now)).isEqualTo(202);
        Poll.until("the first reading stored", Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> !stored("pi-windows").isEmpty(), edge::logTail);

        // WHEN the device's next reading comes past that window's end and grace
        assertThat(postReading("pi-windows", "hall", 22, now.plusSeconds(80))).isEqualTo(202);

        // THEN aggregate (a function of this process, behind /kedge-aggregate) closes the window, and its
        // io.kedge.summary.v1 goes broker → uplink Trigger → the device source's uplink → upstream
        Poll.until("the temperature summary of pi-windows upstream", Duration.ofSeconds(20), Duration.ofMillis(50),
                () -> summary("pi-windows", "temperature").isPresent(), edge::logTail);
        JsonNode summary = summary("pi-windows", "temperature").orElseThrow();
        assertThat(summary.path("count").asInt()).isEqualTo(1);
        assertThat(summary.path("min").asDouble()).isEqualTo(20.0);
        assertThat(summary.path("location").asText()).isEqualTo("hall");
        assertThat(edge.logText()).doesNotContain("is not hosted in this build");
    }

    private static Optional<JsonNode> summary(String device, String metric) {
        return uplinked.stream().filter(event -> "io.kedge.summary.v1".equals(event.get("type")))
                .map(event -> (JsonNode) event.get("data"))
                .filter(data -> device.equals(data.path("deviceId").asText()) && metric.equals(data.path("metric").asText()))
                .findFirst();
    }

    @Test
    void eachServiceRouteTakesOnlyItsOwnTypes() throws Exception {
        // the broker would never send a raw reading to kedge-store; validate takes it, but not through there
        HttpResponse<String> answer = HTTP.send(readingRequest(URI.create(edge.url() + "/kedge-store"), "pi-lost",
                "nowhere", 20, Instant.now().truncatedTo(ChronoUnit.SECONDS)), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("kedge-store handles types").contains("io.kedge.reading.v1");
    }

    @Test
    void theDeviceSourcesStatusAndTheBrokersAdminShareThePort() throws Exception {
        HttpResponse<String> status = get("/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).path("deviceId").asText()).isEqualTo("pi-edge");

        assertThat(get("/admin/dlq").statusCode()).isEqualTo(200);
        // every other path is still the broker's: Knative's answers for a path that is no broker
        assertThat(get("/kedge/default").statusCode()).isEqualTo(405);
        assertThat(post("/kedge/no-such-broker").statusCode()).isEqualTo(404);
    }

    private static int postReading(String device, String location, double temperature, Instant time) throws Exception {
        return HTTP.send(readingRequest(URI.create(edge.url() + "/kedge/default"), device, location, temperature, time),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest readingRequest(URI target, String device, String location, double temperature, Instant time) {
        return HttpRequest.newBuilder(target)
                .header("Ce-Id", device + "-dht11-" + time)
                .header("Ce-Specversion", "1.0")
                .header("Ce-Type", "io.kedge.reading.v1")
                .header("Ce-Source", "/devices/" + device)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"" + device + "\",\"location\":\"" + location
                        + "\",\"sensor\":\"dht11\",\"temperature\":" + temperature + ",\"humidity\":50,\"time\":\""
                        + time + "\"}"))
                .build();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.url() + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, Object>> stored(String device) {
        return rows("SELECT * FROM " + MEASUREMENT + " WHERE device = '" + device + "'");
    }

    private static List<Map<String, Object>> rows(String query) {
        try {
            return influx.rows(DATABASE, query);
        } catch (IllegalStateException e) {
            return List.of(); // database or measurement not there yet
        }
    }

    /** What {@code jvm.options} holds: JVM options, and NAME=value lines for the environment. */
    record JvmOptions(List<String> options, Map<String, String> environment) {
    }

    /** This module's {@code jvm.options}, read as the launcher reads it: the test runs the app as {@code ./kedge up --edge} does. */
    static JvmOptions jvmOptionsFile() throws IOException {
        List<String> options = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("jvm.options"))) {
            String text = (line.contains("#") ? line.substring(0, line.indexOf('#')) : line).trim();
            if (text.startsWith("-")) {
                options.add(text);
            } else if (text.contains("=")) {
                environment.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
        }
        return new JvmOptions(options, environment);
    }

    /** The {@code -X} options of the README's run command. */
    static List<String> readmeJvmOptions() throws IOException {
        String run = readmeBlock("## Run", "shell");
        Matcher java = Pattern.compile("\\bjava\\s+(.*?)\\s+-jar\\s", Pattern.DOTALL).matcher(run);
        assertThat(java.find()).as("README's '## Run' block runs java ... -jar").isTrue();
        List<String> options = Arrays.stream(java.group(1).replace("\\\n", " ").trim().split("\\s+")).toList();
        assertThat(options).as("JVM options of the README's run command").allMatch(option -> option.startsWith("-X"))
                .contains("-XX:+UseSerialGC");
        return options;
    }

    /** The first fenced block of {@code language} after {@code heading} in this module's README. */
    static String readmeBlock(String heading, String language) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile(Pattern.quote(heading) + "\\n.*?```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has a '%s' section with a %s block", heading, language).isTrue();
        return block.group(1).trim();
    }
}
