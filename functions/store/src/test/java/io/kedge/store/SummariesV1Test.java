package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies against a real InfluxDB 1.6.7 that summaries are stored in their own long-retention
 * database: one point per device and window holding every metric's fields, queried back; a
 * replay overwriting its own fields; the database and its policy created when missing.
 */
@ExtendWith(RealServers.class)
class SummariesV1Test {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Older than the readings' 30 days: only the long retention keeps it. */
    private static final Instant LAST_YEAR = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(300, ChronoUnit.DAYS);

    @Test
    void theMetricsOfOneWindowAreOnePointQueriedBackFromTheLongTermDatabase(InfluxServer influx) {
        Instant start = LAST_YEAR.plusSeconds(60);
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestSummaries.temperature("pi-kitchen", "kitchen", start));
            store.storeNow(TestSummaries.humidity("pi-kitchen", "kitchen", start));

            List<Map<String, Object>> rows = influx.rows(longTerm(store), "SELECT * FROM rpi_dht11_1m");

            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row).containsEntry("time", start.toEpochMilli())
                        .containsEntry("device", "pi-kitchen")
                        .containsEntry("location", "kitchen")
                        .containsEntry("temperature_count", 3)
                        .containsEntry("temperature_mean", 21.5)
                        .containsEntry("temperature_last", 21.5)
                        .containsEntry("humidity_count", 3);
                assertThat(((Number) row.get("temperature_min")).doubleValue()).isEqualTo(21.0);
                assertThat(((Number) row.get("temperature_max")).doubleValue()).isEqualTo(22.0);
                assertThat(((Number) row.get("humidity_mean")).doubleValue()).isEqualTo(42.0);
            });
            assertThat(influx.rows(longTerm(store), "SHOW FIELD KEYS FROM rpi_dht11_1m"))
                    .extracting(row -> row.get("fieldKey") + ":" + row.get("fieldType"))
                    .contains("temperature_count:integer", "temperature_mean:float", "humidity_last:float")
                    .hasSize(10);
            assertThat(influx.rows(store.settings().database(), "SHOW MEASUREMENTS")).as("nothing in the readings' database")
                    .isEmpty();
        }
    }

    @Test
    void replayedSummaryOverwritesItsOwnFieldsOnly(InfluxServer influx) {
        Instant start = LAST_YEAR.plusSeconds(120);
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestSummaries.temperature("pi-replay", "kitchen", start));
            store.storeNow(TestSummaries.humidity("pi-replay", "kitchen", start));

            // WHEN the temperature summary is delivered again, then once more with a later grace update
            store.storeNow(TestSummaries.temperature("pi-replay", "kitchen", start));
            store.storeNow(TestSummaries.withMean(TestSummaries.withCount(
                    TestSummaries.temperature("pi-replay", "kitchen", start), 4), 21.75));

            // THEN still one point; the temperature fields are the last delivery's, humidity untouched
            assertThat(influx.rows(longTerm(store), "SELECT * FROM rpi_dht11_1m")).singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("temperature_count", 4)
                            .containsEntry("temperature_mean", 21.75)
                            .containsEntry("humidity_count", 3)
                            .containsEntry("humidity_mean", 42));
        }
    }

    @Test
    void aMinuteMeanPanelQueryReturnsOneRowPerDeviceAndBucket(InfluxServer influx) {
        Instant hour = LAST_YEAR.truncatedTo(ChronoUnit.HOURS);
        try (InfluxStore store = open(influx)) {
            for (int minute = 0; minute < 60; minute++) {
                store.storeNow(TestSummaries.temperature("pi-a", "kitchen", hour.plusSeconds(60L * minute)));
                store.storeNow(TestSummaries.temperature("pi-b", null, hour.plusSeconds(60L * minute)));
            }

            List<Map<String, Object>> rows = influx.rows(store.settings().database(),
                    "SELECT mean(\"temperature_mean\") AS \"temperature\" FROM \"" + longTerm(store) + "\"..\"rpi_dht11_1m\""
                            + " WHERE time >= " + hour.toEpochMilli() + "ms AND time < " + hour.plusSeconds(3600).toEpochMilli()
                            + "ms GROUP BY time(30m), \"device\"");

            assertThat(rows).extracting(row -> row.get("device") + " " + row.get("temperature"))
                    .containsExactly("pi-a 21.5", "pi-a 21.5", "pi-b 21.5", "pi-b 21.5");
        }
    }

    @Test
    void prepareCreatesTheLongTermDatabaseWithItsOwnDefaultPolicy(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.prepare();

            assertThat(influx.rows(longTerm(store), "SHOW RETENTION POLICIES ON \"" + longTerm(store) + "\""))
                    .filteredOn(row -> row.get("name").equals("longterm"))
                    .singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("duration", "0s").containsEntry("default", true));
            assertThat(influx.rows(store.settings().database(), "SHOW RETENTION POLICIES ON \""
                    + store.settings().database() + "\""))
                    .anySatisfy(row -> assertThat(row).containsEntry("name", "edge").containsEntry("duration", "720h0m0s"));
        }
    }

    @Test
    void aConfiguredRetentionIsApplied(InfluxServer influx) {
        SummarySettings twoYears = new SummarySettings("summaries_" + DATABASES.incrementAndGet(), "rpi_dht11_5m",
                "two_years", "104w", java.util.Optional.empty());
        try (InfluxStore store = InfluxStore.open(InfluxSettings.v1(influx.url(), "readings_" + DATABASES.incrementAndGet()),
                BatchSettings.DEFAULTS, twoYears)) {
            store.storeNow(TestSummaries.temperature("pi-1", null, Instant.now().truncatedTo(ChronoUnit.MINUTES)));

            assertThat(influx.rows(twoYears.database(), "SHOW RETENTION POLICIES ON \"" + twoYears.database() + "\""))
                    .filteredOn(row -> row.get("name").equals("two_years"))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("duration", "17472h0m0s"));
            assertThat(influx.count(twoYears.database(), "rpi_dht11_5m", "temperature_mean")).isEqualTo(1);
        }
    }

    static Stream<String> awkwardTagValues() {
        return InjectionCorpus.tagValues();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardTagValues")
    void deviceAndLocationAreStoredExactlyAsSent(String value, InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestSummaries.temperature("dev " + value, value, LAST_YEAR));

            assertThat(influx.rows(longTerm(store), "SELECT * FROM rpi_dht11_1m")).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("device", "dev " + value).containsEntry("location", value));
        }
    }

    @Test
    void anUnusableSummaryIsRefusedBeforeAnythingIsWritten(InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            assertThatThrownBy(() -> store.storeNow(TestSummaries.withMetric(
                    TestSummaries.temperature("pi-1", null, LAST_YEAR), "temperature,device=x")))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageContaining("'metric' must be a lower-case name");
        }
    }

    private static InfluxStore open(InfluxServer influx) {
        int n = DATABASES.incrementAndGet();
        return InfluxStore.open(InfluxSettings.v1(influx.url(), "readings_" + n), BatchSettings.DEFAULTS,
                SummarySettings.DEFAULTS.withDatabase("longterm_" + n));
    }

    private static String longTerm(InfluxStore store) {
        return store.summarySettings().database();
    }
}
