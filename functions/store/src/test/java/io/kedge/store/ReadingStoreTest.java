package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the store against a real InfluxDB 1.6.7 (no /api/v2/write): what it writes is what a
 * query returns, and every failure is classified as retryable or final. Each test writes to its
 * own database of the class's server.
 */
@ExtendWith(RealServers.class)
class ReadingStoreTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void storedReadingShowsTheReferenceColumns(InfluxServer influx) {
        Instant sampled = TestReadings.uniqueTime();
        try (ReadingStore store = open(influx)) {
            store.store(TestReadings.dht11(sampled));

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
        try (ReadingStore store = open(influx)) {
            store.store(reading);
            store.store(reading);

            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
        }
    }

    @Test
    void prepareCreatesTheDatabaseWithAShortDefaultRetentionPolicy(InfluxServer influx) {
        try (ReadingStore store = open(influx)) {
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
        try (ReadingStore first = ReadingStore.open(thirtyDays)) {
            first.prepare();
        }
        try (ReadingStore second = ReadingStore.open(thirtyDays.withRetention("edge", "7d"))) {
            second.prepare();
        }

        assertThat(influx.rows(thirtyDays.database(), "SHOW RETENTION POLICIES ON \"" + thirtyDays.database() + "\""))
                .filteredOn(row -> row.get("name").equals("edge"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("duration", "168h0m0s").containsEntry("default", true));
    }

    static Stream<String> awkwardTagValues() {
        return Stream.of(
                "living room, \"north\" = 1",
                "a\\,b",
                "back\\slash in the middle",
                "\\leading backslash",
                "key=value=other",
                "  padded  ",
                "quote\" and 'apostrophe'",
                "Küche – ünïcödé 😀",
                "#not a comment");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardTagValues")
    void tagValuesAreStoredExactlyAsSent(String value, InfluxServer influx) {
        ValidatedReading reading = TestReadings.withDevice(
                TestReadings.withLocation(TestReadings.dht11(TestReadings.uniqueTime()), value), "dev " + value);
        try (ReadingStore store = open(influx)) {
            store.store(reading);

            assertThat(influx.rows(db(store), "SELECT * FROM rpi_dht11"))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("location", value)
                            .containsEntry("device", "dev " + value));
        }
    }

    @Test
    void serverDownAtStartIsToleratedAndTheSchemaIsCreatedOnTheFirstWrite(InfluxServer influx) {
        try (ReadingStore store = open(influx)) {
            influx.stop();
            try {
                // GIVEN a store whose InfluxDB is down while it starts
                store.prepare();
            } finally {
                influx.restart();
            }

            // WHEN the first reading arrives after InfluxDB is back
            store.store(TestReadings.dht11(TestReadings.uniqueTime()));

            // THEN database and policy exist, and the reading is stored
            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
            assertThat(influx.rows(db(store), "SHOW RETENTION POLICIES ON \"" + db(store) + "\""))
                    .anySatisfy(row -> assertThat(row).containsEntry("name", "edge").containsEntry("default", true));
        }
    }

    @Test
    void unreachableServerIsATemporaryFailure(InfluxServer influx) {
        try (ReadingStore store = open(influx)) {
            store.prepare();
            influx.stop();
            try {
                assertThatThrownBy(() -> store.store(TestReadings.dht11(TestReadings.uniqueTime())))
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
        try (ReadingStore store = open(influx)) {
            store.store(TestReadings.dht11(TestReadings.uniqueTime()));
            influx.execute("DROP DATABASE \"" + db(store) + "\"");

            store.store(TestReadings.dht11(TestReadings.uniqueTime()));

            assertThat(influx.count(db(store), "rpi_dht11", "temperature")).isEqualTo(1);
        }
    }

    @Test
    void fieldTypeConflictIsRefusedForGoodWithInfluxDbsMessage(InfluxServer influx) {
        Instant sampled = TestReadings.uniqueTime();
        try (ReadingStore store = open(influx)) {
            store.prepare();
            influx.write(db(store), "rpi_dht11,device=pi-livingroom humidity=\"wet\" " + sampled.toEpochMilli() * 1_000_000);

            assertThatThrownBy(() -> store.store(TestReadings.dht11(sampled.plusSeconds(1))))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("(400)")
                    .hasMessageContaining("field type conflict");
        }
    }

    @Test
    void readingOlderThanTheRetentionPolicyIsRefusedForGood(InfluxServer influx) {
        ValidatedReading old = TestReadings.dht11(Instant.now().minus(Duration.ofDays(40)));
        try (ReadingStore store = open(influx)) {
            assertThatThrownBy(() -> store.store(old))
                    .isInstanceOf(StoreRejectedException.class)
                    .hasMessageContaining("points beyond retention policy dropped=1");
        }
    }

    @Test
    void bme280PressureIsStoredAsAField(InfluxServer influx) {
        try (ReadingStore store = open(influx)) {
            store.store(TestReadings.validated(Readings.BME280_OFFICE, TestReadings.uniqueTime()));

            assertThat(influx.rows(db(store), "SELECT * FROM rpi_dht11"))
                    .singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("pressure", 1013.2).containsEntry("temperature", 23.4));
        }
    }

    private static ReadingStore open(InfluxServer influx) {
        return ReadingStore.open(InfluxSettings.v1(influx.url(), newDatabase()));
    }

    private static String newDatabase() {
        return "store_test_" + DATABASES.incrementAndGet();
    }

    private static String db(ReadingStore store) {
        return store.settings().database();
    }
}
