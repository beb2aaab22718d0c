package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.fixtures.Readings;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the store through the InfluxDB 2.x write API ({@code /api/v2/write}, token, org,
 * bucket) against a real server that implements it: QuestDB, embedded. Each test writes its own
 * measurement (a QuestDB table). QuestDB shows rows shortly after the 204, so reads poll.
 */
class InfluxStoreV2Test {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static QuestDbServer questdb;

    @BeforeAll
    static void startQuestDb() {
        questdb = QuestDbServer.start();
    }

    @AfterAll
    static void stopQuestDb() {
        questdb.close();
    }

    @Test
    void storedReadingShowsTheReferenceColumns() {
        Instant sampled = TestReadings.uniqueTime();
        try (InfluxStore store = open()) {
            store.storeNow(TestReadings.dht11(sampled));

            assertThat(rowsOf(table(store), 1)).singleElement().satisfies(row -> assertThat(row)
                    .containsEntry("device", "pi-livingroom")
                    .containsEntry("location", "livingroom")
                    .containsEntry("temperature", 21.0)
                    .containsEntry("humidity", 45.0)
                    .containsEntry("timestamp", sampled.toString().replace("Z", ".000000Z")));
            assertThat(questdb.rows("select \"column\", type from table_columns('" + table(store) + "')"))
                    .extracting(row -> row.get("column") + ":" + row.get("type"))
                    .containsExactlyInAnyOrder("device:SYMBOL", "location:SYMBOL", "temperature:DOUBLE",
                            "humidity:DOUBLE", "timestamp:TIMESTAMP");
        }
    }

    /**
     * The corpus without backslashes: QuestDB's parser takes a backslash as the escape of any
     * character ({@code back\slash} arrives as {@code backslash}), where InfluxDB's keeps it
     * unless it escapes a space, comma or equals sign: a backslash in a tag value is not portable
     * between the two (InfluxStoreV1Test stores the whole corpus).
     */
    static Stream<String> awkwardTagValues() {
        return InjectionCorpus.tagValues().filter(value -> !value.contains("\\"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardTagValues")
    void tagValuesAreStoredExactlyAsSent(String value) {
        try (InfluxStore store = open()) {
            store.storeNow(TestReadings.withDevice(
                    TestReadings.withLocation(TestReadings.dht11(TestReadings.uniqueTime()), value), "dev " + value));

            assertThat(rowsOf(table(store), 1)).singleElement().satisfies(row -> assertThat(row)
                    .containsEntry("location", value)
                    .containsEntry("device", "dev " + value));
        }
    }

    @Test
    void fieldTypeConflictIsRefusedForGoodWithTheServersMessage() {
        try (InfluxStore store = open()) {
            // GIVEN the measurement's humidity column holds strings
            questdb.execute("CREATE TABLE '" + table(store) + "' (device SYMBOL, humidity VARCHAR, timestamp TIMESTAMP)"
                    + " TIMESTAMP(timestamp) PARTITION BY DAY WAL");

            assertThatThrownBy(() -> store.storeNow(TestReadings.dht11(TestReadings.uniqueTime())))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("(400)")
                    .hasMessageContaining("cast error")
                    .hasMessageContaining("humidity");
        }
    }

    @Test
    void pointRefusedInABatchFailsOnlyItsOwnRequestThoughTheServerRefusesTheWholeWrite() {
        Instant base = TestReadings.uniqueTime();
        try (InfluxStore store = open(new BatchSettings(1000, Duration.ofSeconds(1), 1000, 1))) {
            // GIVEN pressure is a text column, so a BME280's float pressure is refused, and with it
            // the whole write that carries it (QuestDB takes a write entirely or not at all)
            questdb.execute("CREATE TABLE '" + table(store) + "' (device SYMBOL, location SYMBOL, temperature DOUBLE,"
                    + " humidity DOUBLE, pressure VARCHAR, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL");

            // WHEN 20 DHT11 readings and one BME280 reading arrive together (one batch: the writer lingers 1 s)
            List<CompletableFuture<Void>> good = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                good.add(store.store(TestReadings.withDevice(TestReadings.dht11(base.plusMillis(i)), "pi-good")));
            }
            CompletableFuture<Void> bad = store.store(TestReadings.validated(Readings.BME280_OFFICE, base.plusMillis(11)));
            for (int i = 12; i <= 21; i++) {
                good.add(store.store(TestReadings.withDevice(TestReadings.dht11(base.plusMillis(i)), "pi-good")));
            }

            // THEN only the BME280's request fails, with the server's words; the 20 others are stored
            assertThatThrownBy(bad::join).cause()
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("cast error")
                    .hasMessageContaining("pressure");
            assertThat(good).allSatisfy(stored -> assertThat(stored).succeedsWithin(Duration.ofSeconds(10)));
            assertThat(rowsOf(table(store), 20)).hasSize(20).allSatisfy(row -> assertThat(row).containsEntry("device", "pi-good"));
            assertThat(store.writes()).as("the batch was written in halves until the bad point was alone")
                    .isGreaterThan(1);
        }
    }

    @Test
    void concurrentReadingsAreAllStoredAndShareWrites() {
        Instant base = TestReadings.uniqueTime();
        try (InfluxStore store = open(BatchSettings.DEFAULTS.withLinger(Duration.ofMillis(50)))) {
            Concurrently.run(64, i -> {
                store.storeNow(TestReadings.withDevice(TestReadings.dht11(base.plusMillis(i)), "pi-concurrent-" + i));
                return i;
            });

            assertThat(rowsOf(table(store), 64)).hasSize(64);
            assertThat(store.writes()).isLessThan(64);
        }
    }

    @Test
    void unreachableServerIsATemporaryFailure() {
        String nothingListens = "http://127.0.0.1:" + FreePorts.next();
        try (InfluxStore store = InfluxStore.open(InfluxSettings.v2(nothingListens, "kedge", "sensor_data", "t0ken"))) {
            assertThatThrownBy(() -> store.storeNow(TestReadings.dht11(TestReadings.uniqueTime())))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(nothingListens)
                    .hasMessageContaining("unreachable");
        }
    }

    @Test
    void alertIsAPointOfTheAlertsMeasurement() {
        Instant started = TestReadings.uniqueTime();
        try (InfluxStore store = open()) {
            store.storeNow(TestAlerts.fired("pi-v2-alert", started), AlertState.FIRING);

            Poll.until("the alert in QuestDB", Duration.ofSeconds(10),
                    () -> !questdb.rows("select * from alerts where device = 'pi-v2-alert'").isEmpty());
            assertThat(questdb.rows("select * from alerts where device = 'pi-v2-alert'")).singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("rule", "temperature-high")
                            .containsEntry("severity", "warning")
                            .containsEntry("state", "firing")
                            .containsEntry("value", 31.5)
                            .containsEntry("threshold", 30.0)
                            .containsEntry("fingerprint", "temperature-high/pi-v2-alert"));
        }
    }

    @Test
    void lineFeedInAStringFieldIsRefusedByThisServerNotAltered() {
        // InfluxDB 1.x stores it (InfluxStoreV1Test); QuestDB's line protocol parser does not take it
        try (InfluxStore store = open()) {
            Instant started = TestReadings.uniqueTime();
            assertThatThrownBy(() -> store.storeNow(
                    TestAlerts.withFingerprint(TestAlerts.fired("pi-v2-lf", started), "two\nlines"), AlertState.FIRING))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("(400)");
        }
    }

    @Test
    void summariesGoThroughTheV2ApiToTheirOwnBucketAndMeasurement() {
        int n = TABLES.incrementAndGet();
        SummarySettings summaries = new SummarySettings("kedge_longterm", "summaries_" + n, "longterm", "INF",
                java.util.Optional.of("kedge_longterm_bucket"));
        Instant start = TestReadings.uniqueTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        try (InfluxStore store = InfluxStore.open(InfluxSettings.v2(questdb.url(), "kedge", "sensor_data", "kedge-test-token")
                .withMeasurement("readings_" + n), BatchSettings.DEFAULTS, summaries)) {
            assertThat(store.summarySettings().clientBucket()).isEqualTo("kedge_longterm_bucket");

            store.storeNow(TestSummaries.temperature("pi-v2-summary", "kitchen", start));

            // QuestDB ignores the bucket; the table is the measurement
            assertThat(rowsOf("summaries_" + n, 1)).singleElement().satisfies(row -> assertThat(row)
                    .containsEntry("device", "pi-v2-summary")
                    .containsEntry("temperature_mean", 21.5)
                    .containsEntry("temperature_count", 3)
                    .containsEntry("timestamp", start.toString().replace("Z", ".000000Z")));
        }
    }

    @Test
    void rejectedReadingsGoThroughTheV2ApiBesideTheReadings() {
        Instant at = TestReadings.uniqueTime();
        try (InfluxStore store = open()) {
            store.storeNow(TestRejections.tooHot("pi-v2-rejected", "attic"), at);

            assertThat(rowsOf(RejectedPoints.MEASUREMENT, 1)).filteredOn(row -> "pi-v2-rejected".equals(row.get("device")))
                    .singleElement().satisfies(row -> assertThat(row)
                            .containsEntry("code", "out_of_range")
                            .containsEntry("count", 1));
        }
    }

    private static InfluxStore open() {
        return open(BatchSettings.DEFAULTS);
    }

    private static InfluxStore open(BatchSettings batch) {
        return InfluxStore.open(InfluxSettings.v2(questdb.url(), "kedge", "sensor_data", "kedge-test-token")
                .withMeasurement("readings_" + TABLES.incrementAndGet()), batch);
    }

    private static String table(InfluxStore store) {
        return store.settings().measurement();
    }

    /** The rows of {@code table} once QuestDB shows {@code expected} of them. */
    private static List<Map<String, Object>> rowsOf(String table, int expected) {
        Poll.until(expected + " rows in " + table, Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> questdb.count(table) >= expected, () -> questdb.count(table) + " rows");
        return questdb.rows("select * from '" + table + "'");
    }
}
