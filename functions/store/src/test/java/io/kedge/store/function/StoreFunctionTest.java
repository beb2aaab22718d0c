package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.emptyString;

import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.store.BatchSettings;
import io.kedge.store.Concurrently;
import io.kedge.store.TestReadings;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the function over HTTP as a broker calls it, asserting what InfluxDB returns when
 * queried: 204 only once the point is stored, 503 when InfluxDB cannot take it now (retried),
 * 422 when InfluxDB refuses it for good, 400 for requests that are no storable reading.
 */
@QuarkusTest
// restricted: StoreFunctionV2Test runs the app against another server
@QuarkusTestResource(value = InfluxResource.class, restrictToAnnotatedClass = true)
class StoreFunctionTest {

    private static final String DATABASE = "sensor_data";

    @TestHTTPResource("/")
    URI root;

    @Inject
    StoreConfig config;

    @Test
    void groupCommitRunsWithTheDocumentedDefaults() {
        assertThat(config.batch().settings()).isEqualTo(BatchSettings.DEFAULTS);
    }

    @Test
    void validatedReadingIsStoredAsOnePointAnd204() {
        Instant sampled = TestReadings.uniqueTime();

        post(TestReadings.dht11(sampled)).then().statusCode(204).body(emptyString());

        assertThat(pointAt(sampled)).singleElement().satisfies(row -> {
            assertThat(row).containsKeys("time", "device", "humidity", "location", "temperature");
            assertThat(row).containsEntry("device", "pi-livingroom").containsEntry("location", "livingroom");
            assertThat(((Number) row.get("temperature")).doubleValue()).isEqualTo(21.0);
            assertThat(((Number) row.get("humidity")).doubleValue()).isEqualTo(45.0);
        });
    }

    @Test
    void sameReadingPostedTwiceIsOnePoint() {
        Instant sampled = TestReadings.uniqueTime();
        ValidatedReading reading = TestReadings.withDevice(TestReadings.dht11(sampled), "pi-twice");

        post(reading).then().statusCode(204);
        post(reading).then().statusCode(204);

        assertThat(pointAt(sampled)).hasSize(1);
    }

    @Test
    void structuredModeEventIsStoredToo() {
        Instant sampled = TestReadings.uniqueTime();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/devices/pi-structured","type":"%s",
                 "datacontenttype":"application/json","data":%s}"""
                .formatted(UUID.randomUUID(), EventTypes.READING_VALIDATED,
                        json(TestReadings.withDevice(TestReadings.dht11(sampled), "pi-structured")));

        given().contentType("application/cloudevents+json").body(event).post("/").then().statusCode(204);

        assertThat(pointAt(sampled)).singleElement().satisfies(row -> assertThat(row).containsEntry("device", "pi-structured"));
    }

    @Test
    void awkwardLocationAndDeviceAreStoredExactlyAsSent() {
        Instant sampled = TestReadings.uniqueTime();
        String location = "living room, \"north\" = 1";
        String device = "pi\\küche=2 😀";

        post(TestReadings.withDevice(TestReadings.withLocation(TestReadings.dht11(sampled), location), device))
                .then().statusCode(204);

        assertThat(pointAt(sampled)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("location", location).containsEntry("device", device));
    }

    @Test
    void locationWithALineFeedIsRefusedNotAltered() {
        Instant sampled = TestReadings.uniqueTime();

        post(TestReadings.withLocation(TestReadings.dht11(sampled), "living room, \"north\" = 1\n"))
                .then().statusCode(400)
                .body(containsString("'location' contains a line feed"));

        assertThat(pointAt(sampled)).isEmpty();
    }

    @Test
    void influxDbDownIs503UntilItIsBack() {
        Instant sampled = TestReadings.uniqueTime();
        ValidatedReading reading = TestReadings.withDevice(TestReadings.dht11(sampled), "pi-outage");
        InfluxResource.server().stop();
        try {
            post(reading).then().statusCode(503)
                    .body(containsString("unreachable"))
                    .body(containsString(InfluxResource.server().url()));
        } finally {
            InfluxResource.server().restart();
        }

        post(reading).then().statusCode(204);

        assertThat(pointAt(sampled)).singleElement().satisfies(row -> assertThat(row).containsEntry("device", "pi-outage"));
    }

    @Test
    void fieldTypeConflictIs422WithInfluxDbsMessage() {
        // GIVEN humidity stored as a string in the shard of ten days ago (apart from the other tests' points)
        Instant sampled = Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        InfluxResource.server().write(DATABASE,
                "rpi_dht11,device=pi-conflict humidity=\"wet\" " + sampled.toEpochMilli() * 1_000_000);

        // WHEN a float humidity arrives for that shard
        post(TestReadings.withDevice(TestReadings.dht11(sampled.plusSeconds(1)), "pi-conflict"))
                // THEN it is refused for good, with InfluxDB's reason
                .then().statusCode(422)
                .body(containsString("field type conflict"))
                .body(containsString("humidity"));
    }

    @Test
    void readingOlderThanTheRetentionPolicyIs422() {
        post(TestReadings.dht11(Instant.now().minus(Duration.ofDays(45))))
                .then().statusCode(422)
                .body(containsString("points beyond retention policy dropped"));
    }

    static Stream<Arguments> badRequests() {
        String reading = json(TestReadings.dht11(TestReadings.uniqueTime()));
        return Stream.of(
                badRequest("plain JSON without CloudEvent headers",
                        () -> given().contentType("application/json").body(reading),
                        "this request carries no CloudEvent"),
                badRequest("binary event without ce-type",
                        () -> given().contentType("application/json").header("ce-id", "1").header("ce-source", "/t")
                                .header("ce-specversion", "1.0").body(reading),
                        "missing required attribute 'type'"),
                badRequest("data that is not JSON",
                        () -> binary(EventTypes.READING_VALIDATED, "application/json", "21 degrees"),
                        "is not JSON"),
                badRequest("data of another media type",
                        () -> binary(EventTypes.READING_VALIDATED, "text/plain", reading),
                        "Content-Type \"text/plain; charset=ISO-8859-1\" is not application/json"),
                badRequest("empty data",
                        () -> binary(EventTypes.READING_VALIDATED, "application/json", ""),
                        "carries no data"),
                badRequest("reading without device and time",
                        () -> binary(EventTypes.READING_VALIDATED, "application/json", "{\"location\":\"lab\",\"temperature\":20}"),
                        "missing required field 'deviceId'; missing required field 'time'"),
                badRequest("structured body that is not JSON",
                        () -> given().contentType("application/cloudevents+json").body("{\"specversion\":"),
                        "body is not JSON"));
    }

    private static Arguments badRequest(String name, Supplier<RequestSpecification> request, String message) {
        return Arguments.of(name, request, message);
    }

    @ParameterizedTest(name = "{0} is 400")
    @MethodSource("badRequests")
    void badRequestIs400WithAMessage(String name, Supplier<RequestSpecification> request, String message) {
        // built here, not in badRequests(): REST Assured learns the random test port only when the test runs
        request.get().post("/").then().statusCode(400)
                .contentType(containsString("application/json"))
                .body("problems", hasItem(containsString(message)));
    }

    @Test
    void eventOfAnotherTypeIs422NotRetried() {
        // GIVEN a raw reading misrouted to store; Funqy alone would answer 404, which Knative retries
        binary(EventTypes.READING, "application/json", json(TestReadings.dht11(TestReadings.uniqueTime())))
                .post("/")
                .then().statusCode(422)
                .body("problems", hasItem(containsString("handles types [io.kedge.reading.validated.v1,"
                        + " io.kedge.alert.fired.v1, io.kedge.alert.resolved.v1, io.kedge.reading.rejected.v1,"
                        + " io.kedge.summary.v1], got \"io.kedge.reading.v1\"")));
    }

    @Test
    void concurrentRequestsAreEachAnsweredOnlyOnceTheirPointIsStored() {
        Instant base = TestReadings.uniqueTime();
        HttpClient http = HttpClient.newHttpClient();

        // WHEN 64 requests arrive at once, and each looks for its point as soon as it is answered
        List<String> outcomes = Concurrently.run(64, i -> {
            Instant sampled = base.plusMillis(i);
            String device = "pi-http-" + i;
            int status = send(http, TestReadings.withDevice(TestReadings.dht11(sampled), device));
            long stored = InfluxResource.server().rows(DATABASE, "SELECT * FROM rpi_dht11 WHERE time = "
                    + sampled.toEpochMilli() + "ms AND device = '" + device + "'").size();
            return status + " stored=" + stored;
        });

        // THEN every 204 came after InfluxDB had the point
        assertThat(outcomes).hasSize(64).containsOnly("204 stored=1");
    }

    @Test
    void readinessAnswersWhileInfluxDbRuns() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    }

    private int send(HttpClient http, ValidatedReading reading) {
        HttpRequest request = HttpRequest.newBuilder(root)
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.READING_VALIDATED)
                .header("ce-source", "/devices/pi-test")
                .header("ce-specversion", "1.0")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventData.toJson(reading)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response post(ValidatedReading reading) {
        return binary(EventTypes.READING_VALIDATED, "application/json", json(reading)).post("/");
    }

    private static RequestSpecification binary(String type, String contentType, String data) {
        return given()
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", type)
                .header("ce-source", "/devices/pi-test")
                .header("ce-specversion", "1.0")
                .contentType(contentType)
                .body(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String json(ValidatedReading reading) {
        return new String(EventData.toJson(reading), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> pointAt(Instant sampled) {
        return InfluxResource.server().rows(DATABASE,
                "SELECT * FROM rpi_dht11 WHERE time = " + sampled.toEpochMilli() + "ms");
    }
}
