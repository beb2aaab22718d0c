package io.kedge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the whole local pipeline end to end: simulated DHT11 → broker → validate → store →
 * InfluxDB, as separate processes, asserting by querying InfluxDB.
 */
class PipelineTest {

    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        pipeline = new Pipeline(Map.of(
                "KEDGE_DEVICE_ID", "pi-pipeline",
                "KEDGE_DEVICE_LOCATION", "livingroom"));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void simulatedSensorReadingsArriveLikeTheReferenceDeploymentsTable() {
        Poll.until("two readings of pi-pipeline in " + Pipeline.DATABASE + "." + Pipeline.MEASUREMENT,
                Duration.ofSeconds(60), Duration.ofMillis(250),
                () -> storedRows("pi-pipeline").size() >= 2, pipeline::logs);

        List<Map<String, Object>> rows = pipeline.influx.rows(Pipeline.DATABASE,
                "SELECT * FROM " + Pipeline.MEASUREMENT + " WHERE device = 'pi-pipeline'");
        // the reference deployment's columns: time, humidity, location, temperature (plus device)
        assertThat(rows.get(0).keySet()).containsExactlyInAnyOrder("time", "device", "humidity", "location", "temperature");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("location")).isEqualTo("livingroom");
            assertThat(((Number) row.get("temperature")).doubleValue()).isBetween(0.0, 50.0);
            assertThat(((Number) row.get("humidity")).doubleValue()).isBetween(20.0, 90.0);
        });
    }

    @Test
    void theReadmeCurlExampleIsAcceptedAndStoredWithinTwoSeconds() throws Exception {
        String curl = readmeCurlExample().replace("http://127.0.0.1:8080/kedge/default", pipeline.ingress());

        Process process = new ProcessBuilder("bash", "-c", curl + " -s -o /dev/null -w '%{http_code}'")
                .redirectErrorStream(true).start();
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long answered = System.nanoTime();

        assertThat(status).isEqualTo("202");
        Poll.until("the curl reading in InfluxDB", Duration.ofSeconds(2), Duration.ofMillis(20),
                () -> !storedRows("pi-curl").isEmpty(), pipeline::logs);
        System.out.printf("curl reading stored %d ms after the broker's 202%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered));
        Map<String, Object> row = storedRows("pi-curl").get(0);
        assertThat(row).containsEntry("location", "office").containsEntry("temperature", 22.5);
        assertThat(((Number) row.get("humidity")).doubleValue()).isEqualTo(41.0);
    }

    @Test
    void implausibleReadingIsAcceptedByTheBrokerButNeverStored() throws Exception {
        String time = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(pipeline.ingress()))
                .header("Ce-Id", "too-hot-" + time)
                .header("Ce-Specversion", "1.0")
                .header("Ce-Type", "io.kedge.reading.v1")
                .header("Ce-Source", "/devices/pi-too-hot")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"pi-too-hot\",\"location\":\"attic\","
                        + "\"sensor\":\"dht11\",\"temperature\":75,\"humidity\":40,\"time\":\"" + time + "\"}"))
                .build();
        int status = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(202);

        // a plausible reading posted after it is stored; by then the rejected one would be too
        theReadmeCurlExampleIsAcceptedAndStoredWithinTwoSeconds();
        assertThat(storedRows("pi-too-hot")).isEmpty();
    }

    @Test
    void threeFrostyReadingsFireAnAlertThatIsStoredForGrafana() throws Exception {
        // GIVEN the shipped rule temperature-low: below 5 °C for three readings in a row
        java.time.Instant first = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3);
        for (int i = 0; i < 3; i++) {
            String time = first.plusSeconds(i).toString();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(pipeline.ingress()))
                    .header("Ce-Id", "frost-" + i + "-" + time)
                    .header("Ce-Specversion", "1.0")
                    .header("Ce-Type", "io.kedge.reading.v1")
                    .header("Ce-Source", "/devices/pi-frost")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"pi-frost\",\"location\":\"kitchen\","
                            + "\"sensor\":\"dht11\",\"temperature\":2,\"humidity\":50,\"time\":\"" + time + "\"}"))
                    .build();
            // WHEN they are posted one after the other, as a device would send them
            assertThat(java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);
            // one at a time: the alert function ignores a reading older than the device's last one
            int stored = i + 1;
            Poll.until("frosty reading " + i + " stored", Duration.ofSeconds(10), Duration.ofMillis(20),
                    () -> storedRows("pi-frost").size() >= stored, pipeline::logs);
        }

        // THEN validate → alert → broker → store puts one firing alert into the alerts measurement
        Poll.until("the temperature-low alert in InfluxDB", Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> !alertRows("pi-frost").isEmpty(), pipeline::logs);
        Map<String, Object> alert = alertRows("pi-frost").get(0);
        assertThat(alert).containsEntry("rule", "temperature-low").containsEntry("location", "kitchen")
                .containsEntry("severity", "critical").containsEntry("state", "firing");
        assertThat(alertRows("pi-frost")).hasSize(1);
    }

    private static List<Map<String, Object>> alertRows(String device) {
        try {
            return pipeline.influx.rows(Pipeline.DATABASE, "SELECT * FROM alerts WHERE device = '" + device + "'");
        } catch (IllegalStateException e) {
            return List.of();
        }
    }

    private static List<Map<String, Object>> storedRows(String device) {
        try {
            return pipeline.influx.rows(Pipeline.DATABASE,
                    "SELECT * FROM " + Pipeline.MEASUREMENT + " WHERE device = '" + device + "'");
        } catch (IllegalStateException e) {
            return List.of(); // database not created yet
        }
    }

    /** The first ```bash block after the README's "Send a reading" heading. */
    static String readmeCurlExample() throws IOException {
        String readme = Files.readString(Repo.path("README.md"));
        Matcher block = Pattern.compile("## Send a reading.*?```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has a '## Send a reading' section with a bash block").isTrue();
        return block.group(1).trim();
    }
}
