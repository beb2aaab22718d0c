package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Summary;
import io.kedge.store.SummarySettings;
import io.kedge.store.TestSummaries;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code storeSummary} over HTTP as a broker delivers the aggregate function's summaries:
 * each is written to the long-term database, the metrics of a window in one point, a replay
 * changing nothing; 400 for a summary that cannot become a point.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, restrictToAnnotatedClass = true)
class SummaryFunctionTest {

    private static final String LONG_TERM = "kedge_longterm";
    // Distinct minutes 90 days back, beyond the readings' 30: only the long retention keeps them.
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(90, ChronoUnit.DAYS);
    private static final AtomicLong NEXT = new AtomicLong();

    @Inject
    StoreConfig config;

    @Test
    void summariesGoToTheDocumentedLongTermDatabaseAndMeasurement() {
        assertThat(config.summaries().settings()).isEqualTo(SummarySettings.DEFAULTS);
    }

    @Test
    void theSummariesOfAWindowAreOnePointAnd204Each() {
        Instant start = uniqueMinute();

        post(TestSummaries.temperature("pi-http-summary", "kitchen", start)).then().statusCode(204).body(emptyString());
        post(TestSummaries.humidity("pi-http-summary", "kitchen", start)).then().statusCode(204);

        assertThat(pointsAt(start)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("device", "pi-http-summary")
                .containsEntry("location", "kitchen")
                .containsEntry("temperature_count", 3)
                .containsEntry("temperature_mean", 21.5)
                .containsEntry("humidity_count", 3));
    }

    @Test
    void aReplayedSummaryIsStillOnePointWithTheSameValues() {
        Instant start = uniqueMinute();
        Summary summary = TestSummaries.temperature("pi-http-replay", null, start);

        post(summary).then().statusCode(204);
        List<Map<String, Object>> first = pointsAt(start);
        post(summary).then().statusCode(204);

        assertThat(pointsAt(start)).hasSize(1).isEqualTo(first);
    }

    @Test
    void aSummaryThatCannotBeAPointIs400WithEveryProblem() {
        Summary broken = TestSummaries.withCount(TestSummaries.withMetric(
                TestSummaries.temperature("pi-1", null, uniqueMinute()), "Temperature"), 0);

        post(broken).then().statusCode(400)
                .body("error", equalTo("invalid summary"))
                .body("problems", hasItem(containsString("'metric' must be a lower-case name")))
                .body("problems", hasItem(containsString("'count' must be at least 1, got 0")));
    }

    @Test
    void dataThatIsNoSummaryIs400() {
        event().body("{\"deviceId\":[\"pi-1\"]}").post("/").then().statusCode(400)
                .body("problems", hasItem(containsString("is not a summary in JSON")));
    }

    private static Instant uniqueMinute() {
        return BASE.plus(NEXT.incrementAndGet(), ChronoUnit.MINUTES);
    }

    private static io.restassured.response.Response post(Summary summary) {
        return event().header("ce-time", summary.windowStart()).header("ce-subject", summary.deviceId())
                .body(new String(EventData.toJson(summary), StandardCharsets.UTF_8)).post("/");
    }

    /** As the aggregate function announces them. */
    private static RequestSpecification event() {
        return given()
                .header("ce-id", "summary-" + java.util.UUID.randomUUID())
                .header("ce-type", EventTypes.SUMMARY)
                .header("ce-source", "/functions/aggregate")
                .header("ce-specversion", "1.0")
                .header("metric", "temperature")
                .contentType("application/json");
    }

    private static List<Map<String, Object>> pointsAt(Instant start) {
        return InfluxResource.server().rows(LONG_TERM, "SELECT * FROM rpi_dht11_1m WHERE time = " + start.toEpochMilli() + "ms");
    }
}
