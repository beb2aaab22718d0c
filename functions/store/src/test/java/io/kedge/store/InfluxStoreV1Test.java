package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the store against a real InfluxDB 1.6.7 (no /api/v2/write): what it writes is what a
 * query returns, nothing is acknowledged before InfluxDB stored it, and every failure is
 * classified as retryable or final. Each test writes to its own database of the class's server.
 */
@ExtendWith(RealServers.class)
class InfluxStoreV1Test {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void storedReadingShowsTheReferenceColumns(InfluxServer influx) {
        Instant sampled = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestReadings.dht11(sampled));

            List<Map<String, Object>> rows = influx.rows(db(store), "SELECT * FROM rpi_dht11");

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsOnlyKeys("time", "device", "humidity", "location", "temperature");
            assertThat(rows.get(0).keySet()).containsExactly("time", "device", "humidity", "location", "temperature");
            assertThat(rows.get(0))
                    .containsEntry("device", "pi-livingroom")
                    .containsEntry("location", "livingroom")
                    .containsEntry("time", sampled.toEpochMilli());
            // JSON prints 21.0 as 21: the field types tell what InfluxDB stored
            assertThat(((Number) rows.get(0).get("temperature")).doubleValue()).isEqualTo(21.0);
            assertThat(((Number) rows.get(0).get("humidity")).doubleValue()).isEqualTo(45.0);
            assertThat(influx.rows(db(store), "SHOW FIELD KEYS FROM rpi_dht11"))
                    .extracting(row -> row.get("fieldKey") + ":" + row.get("fieldType"))
                    .containsExactlyInAnyOrder("humidity:float", "temperature:float");
        }
    }

    @Test
    void identicalResendOverwritesTheSamePoint(InfluxServer influx) {
        ValidatedReading reading = TestReadings.dht11(TestReadings.uniqueTime());
        try (InfluxStore store = open(influx)) {
            store.storeNow(reading);
            store.storeNow(reading);

            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
        }
    }

    @Test
    void prepareCreatesTheDatabaseWithAShortDefaultRetentionPolicy(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.prepare();

            assertThat(influx.rows(db(store), "SHOW RETENTION POLICIES ON \"" + db(store) + "\""))
                    .filteredOn(row -> row.get("name").equals("edge"))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("duration", "720h0m0s")
                            .containsEntry("default", true));
        }
    }

    @Test
    void changedDurationIsAppliedToTheExistingPolicy(InfluxServer influx) {
        InfluxSettings thirtyDays = InfluxSettings.v1(influx.url(), newDatabase());
        try (InfluxStore first = InfluxStore.open(thirtyDays)) {
            first.prepare();
        }
        try (InfluxStore second = InfluxStore.open(thirtyDays.withRetention("edge", "7d"))) {
            second.prepare();
        }

        assertThat(influx.rows(thirtyDays.database(), "SHOW RETENTION POLICIES ON \"" + thirtyDays.database() + "\""))
                .filteredOn(row -> row.get("name").equals("edge"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("duration", "168h0m0s").containsEntry("default", true));
    }

    static Stream<String> awkwardTagValues() {
        return InjectionCorpus.tagValues();
    }

    static Stream<String> awkwardStringFieldValues() {
        return InjectionCorpus.stringFieldValues();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardTagValues")
    void tagValuesAreStoredExactlyAsSent(String value, InfluxServer influx) {
        ValidatedReading reading = TestReadings.withDevice(
                TestReadings.withLocation(TestReadings.dht11(TestReadings.uniqueTime()), value), "dev " + value);
        try (InfluxStore store = open(influx)) {
            store.storeNow(reading);

            assertThat(influx.rows(db(store), "SELECT * FROM rpi_dht11"))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("location", value)
                            .containsEntry("device", "dev " + value));
        }
    }

    @Test
    void serverDownAtStartIsToleratedAndTheSchemaIsCreatedOnTheFirstWrite(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            influx.stop();
            try {
                // GIVEN a store whose InfluxDB is down while it starts
                store.prepare();
            } finally {
                influx.restart();
            }

            // WHEN the first reading arrives after InfluxDB is back
            store.storeNow(TestReadings.dht11(TestReadings.uniqueTime()));

            // THEN database and policy exist, and the reading is stored
            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
            assertThat(influx.rows(db(store), "SHOW RETENTION POLICIES ON \"" + db(store) + "\""))
                    .anySatisfy(row -> assertThat(row).containsEntry("name", "edge").containsEntry("default", true));
        }
    }

    @Test
    void unreachableServerIsATemporaryFailure(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.prepare();
            influx.stop();
            try {
                assertThatThrownBy(() -> store.storeNow(TestReadings.dht11(TestReadings.uniqueTime())))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining(influx.url())
                        .hasMessageContaining("unreachable");
            } finally {
                influx.restart();
            }
        }
    }

    @Test
    void droppedDatabaseIsCreatedAgainBeforeTheWriteIsRetried(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestReadings.dht11(TestReadings.uniqueTime()));
            influx.execute("DROP DATABASE \"" + db(store) + "\"");

            store.storeNow(TestReadings.dht11(TestReadings.uniqueTime()));

            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
        }
    }

    @Test
    void fieldTypeConflictIsRefusedForGoodWithInfluxDbsMessage(InfluxServer influx) {
        Instant sampled = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.prepare();
            influx.write(db(store), "rpi_dht11,device=pi-livingroom humidity=\"wet\" " + sampled.toEpochMilli() * 1_000_000);

            assertThatThrownBy(() -> store.storeNow(TestReadings.dht11(sampled.plusSeconds(1))))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("(400)")
                    .hasMessageContaining("field type conflict");
        }
    }

    @Test
    void readingOlderThanTheRetentionPolicyIsRefusedForGood(InfluxServer influx) {
        ValidatedReading old = TestReadings.dht11(Instant.now().minus(Duration.ofDays(40)));
        try (InfluxStore store = open(influx)) {
            assertThatThrownBy(() -> store.storeNow(old))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("points beyond retention policy dropped=1");
        }
    }

    @Test
    void bme280PressureIsStoredAsAField(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestReadings.validated(Readings.BME280_OFFICE, TestReadings.uniqueTime()));

            assertThat(influx.rows(db(store), "SELECT * FROM rpi_dht11"))
                    .singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("pressure", 1013.2).containsEntry("temperature", 23.4));
        }
    }

    @Test
    void concurrentReadingsAreAllStoredBeforeTheirAcknowledgementAndShareWrites(InfluxServer influx) {
        Instant base = TestReadings.uniqueTime();
        // a short linger makes the coalescing certain even on a busy machine; production lingers 0
        try (InfluxStore store = open(influx, BatchSettings.DEFAULTS.withLinger(Duration.ofMillis(50)))) {
            store.prepare();

            // WHEN 64 requests store a reading each, at the same moment, and query it once acknowledged
            List<Integer> visibleAfterAck = Concurrently.run(64, i -> {
                Instant sampled = base.plusMillis(i);
                store.storeNow(TestReadings.withDevice(TestReadings.dht11(sampled), "pi-concurrent-" + i));
                return influx.rows(db(store), "SELECT * FROM rpi_dht11 WHERE time = " + sampled.toEpochMilli()
                        + "ms AND device = 'pi-concurrent-" + i + "'").size();
            });

            // THEN each point was there the moment its request was acknowledged, and writes were shared
            assertThat(visibleAfterAck).hasSize(64).containsOnly(1);
            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(64);
            assertThat(store.writes()).isLessThan(64);
        }
    }

    @Test
    void pointRefusedInABatchFailsOnlyItsOwnRequest(InfluxServer influx) {
        Instant base = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx, new BatchSettings(1000, Duration.ofSeconds(1), 1000, 1))) {
            store.prepare();
            // GIVEN pressure is a string field in this shard, so a BME280's float pressure conflicts
            influx.write(db(store), "rpi_dht11,device=pi-setup pressure=\"high\" " + base.toEpochMilli() * 1_000_000);

            // WHEN 20 DHT11 readings and one BME280 reading arrive together (one batch: the writer lingers 1 s)
            List<CompletableFuture<Void>> good = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                good.add(store.store(TestReadings.withDevice(TestReadings.dht11(base.plusMillis(i)), "pi-good")));
            }
            CompletableFuture<Void> bad = store.store(TestReadings.validated(Readings.BME280_OFFICE, base.plusMillis(11)));
            for (int i = 12; i <= 21; i++) {
                good.add(store.store(TestReadings.withDevice(TestReadings.dht11(base.plusMillis(i)), "pi-good")));
            }

            // THEN only the BME280's request fails, with InfluxDB's words; every other point is stored
            assertThatThrownBy(bad::join).cause()
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("(400)")
                    .hasMessageContaining("field type conflict")
                    .hasMessageContaining("pressure");
            assertThat(good).allSatisfy(stored -> assertThat(stored).succeedsWithin(Duration.ofSeconds(10)));
            assertThat(influx.rows(db(store), "SELECT count(temperature) FROM rpi_dht11 WHERE device = 'pi-good'"))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("count", 20));
            assertThat(store.writes()).as("the batch was written in halves until the bad point was alone")
                    .isGreaterThan(1);
        }
    }

    @Test
    void firedAndResolvedAlertsAreTwoPointsOfTheAlertsMeasurement(InfluxServer influx) {
        Instant started = TestReadings.uniqueTime();
        Instant ended = started.plusSeconds(90);
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestAlerts.fired("pi-alert", started), AlertState.FIRING);
            store.storeNow(TestAlerts.resolved("pi-alert", started, ended), AlertState.RESOLVED);

            List<Map<String, Object>> rows = influx.rows(db(store), "SELECT * FROM alerts");

            assertThat(rows).extracting(row -> row.get("time")).containsExactly(started.toEpochMilli(), ended.toEpochMilli());
            assertThat(rows).extracting(row -> row.get("state")).containsExactly("firing", "resolved");
            assertThat(rows).extracting(row -> ((Number) row.get("value")).doubleValue()).containsExactly(31.5, 29.0);
            assertThat(rows.get(0))
                    .containsEntry("rule", "temperature-high")
                    .containsEntry("device", "pi-alert")
                    .containsEntry("location", "livingroom")
                    .containsEntry("severity", "warning")
                    .containsEntry("metric", "temperature")
                    .containsEntry("fingerprint", "temperature-high/pi-alert");
            // JSON prints the float 30.0 as 30: the field types tell what InfluxDB stored
            assertThat(((Number) rows.get(0).get("threshold")).doubleValue()).isEqualTo(30.0);
            assertThat(influx.rows(db(store), "SHOW FIELD KEYS FROM alerts"))
                    .extracting(row -> row.get("fieldKey") + ":" + row.get("fieldType"))
                    .containsExactlyInAnyOrder("fingerprint:string", "state:string", "threshold:float", "value:float");
            assertThat(influx.rows(db(store), "SHOW TAG KEYS FROM alerts")).extracting(row -> row.get("tagKey"))
                    .containsExactlyInAnyOrder("device", "location", "metric", "rule", "severity");
        }
    }

    @Test
    void replayedAlertOverwritesItsPoint(InfluxServer influx) {
        Instant started = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestAlerts.fired("pi-replay", started), AlertState.FIRING);
            store.storeNow(TestAlerts.fired("pi-replay", started), AlertState.FIRING);

            assertThat(influx.count(db(store), "alerts", "state")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardStringFieldValues")
    void stringFieldValuesAreStoredExactlyAsSentLineFeedsIncluded(String value, InfluxServer influx) {
        Instant started = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestAlerts.withFingerprint(TestAlerts.fired("pi-corpus", started), value), AlertState.FIRING);

            assertThat(influx.rows(db(store), "SELECT * FROM alerts")).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("fingerprint", value));
            assertThat(influx.rows(db(store), "SHOW MEASUREMENTS")).extracting(row -> row.get("name"))
                    .containsExactly("alerts");
        }
    }

    private static InfluxStore open(InfluxServer influx, BatchSettings batch) {
        return InfluxStore.open(InfluxSettings.v1(influx.url(), newDatabase()), batch);
    }

    private static InfluxStore open(InfluxServer influx) {
        return InfluxStore.open(InfluxSettings.v1(influx.url(), newDatabase()));
    }

    private static String newDatabase() {
        return "store_test_" + DATABASES.incrementAndGet();
    }

    private static String db(InfluxStore store) {
        return store.settings().database();
    }
}
