package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.data.RejectedReading;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
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
 * Verifies against a real InfluxDB 1.6.7 that rejected readings are stored as points of
 * {@code rejected_readings} in the readings' database: queried back with their tags and fields,
 * hostile device and location values verbatim, a replay overwriting its own point.
 */
@ExtendWith(RealServers.class)
class RejectedReadingsV1Test {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void rejectedReadingIsStoredAndQueriedBack(InfluxServer influx) {
        Instant at = TestReadings.uniqueTime();
        RejectedReading rejected = TestRejections.of(TestRejections.original("pi-attic", "attic"),
                TestRejections.TOO_HOT, TestRejections.NO_ZONE);
        try (InfluxStore store = open(influx)) {
            store.storeNow(rejected, at);

            List<Map<String, Object>> rows = influx.rows(db(store), "SELECT * FROM rejected_readings");

            assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                    .containsEntry("time", at.toEpochMilli())
                    .containsEntry("device", "pi-attic")
                    .containsEntry("location", "attic")
                    .containsEntry("code", "out_of_range")
                    .containsEntry("count", 1)
                    .containsEntry("violations", 2)
                    .containsEntry("codes", "out_of_range,time_without_zone")
                    .containsEntry("messages", TestRejections.TOO_HOT.message() + "; " + TestRejections.NO_ZONE.message()));
            assertThat(influx.rows(db(store), "SHOW FIELD KEYS FROM rejected_readings"))
                    .extracting(row -> row.get("fieldKey") + ":" + row.get("fieldType"))
                    .containsExactlyInAnyOrder("codes:string", "count:integer", "messages:string", "violations:integer");
            assertThat(influx.rows(db(store), "SHOW TAG KEYS FROM rejected_readings")).extracting(row -> row.get("tagKey"))
                    .containsExactlyInAnyOrder("code", "device", "location");
        }
    }

    @Test
    void replayedRejectionOverwritesItsPoint(InfluxServer influx) {
        Instant at = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestRejections.tooHot("pi-replay", "attic"), at);
            store.storeNow(TestRejections.tooHot("pi-replay", "attic"), at);

            assertThat(influx.count(db(store), "rejected_readings", "count")).isEqualTo(1);
        }
    }

    @Test
    void rejectionsPerMinuteAddUpByCodeAsThePanelAsks(InfluxServer influx) {
        Instant minute = TestReadings.uniqueTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(3600);
        try (InfluxStore store = open(influx)) {
            // GIVEN three rejections in one minute: two too hot (one also zone-less), one zone-less only
            store.storeNow(TestRejections.of(TestRejections.original("pi-1", null), TestRejections.TOO_HOT), minute.plusSeconds(1));
            store.storeNow(TestRejections.of(TestRejections.original("pi-2", null), TestRejections.TOO_HOT,
                    TestRejections.NO_ZONE), minute.plusSeconds(2));
            store.storeNow(TestRejections.of(TestRejections.original("pi-1", null), TestRejections.NO_ZONE), minute.plusSeconds(3));

            // WHEN counted per minute and code
            List<Map<String, Object>> rows = influx.rows(db(store), "SELECT sum(\"count\") AS \"rejected\" FROM"
                    + " rejected_readings WHERE time >= " + minute.toEpochMilli() + "ms AND time < "
                    + minute.plusSeconds(60).toEpochMilli() + "ms GROUP BY time(1m), \"code\"");

            // THEN each reading counts once, under its first code
            assertThat(rows).extracting(row -> row.get("code") + "=" + row.get("rejected"))
                    .containsExactlyInAnyOrder("out_of_range=2", "time_without_zone=1");
        }
    }

    static Stream<String> awkwardTagValues() {
        return InjectionCorpus.tagValues();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("awkwardTagValues")
    void hostileDeviceAndLocationAreStoredExactlyAsSent(String value, InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestRejections.tooHot("dev " + value, value), TestReadings.uniqueTime());

            assertThat(influx.rows(db(store), "SELECT * FROM rejected_readings"))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("device", "dev " + value)
                            .containsEntry("location", value)
                            .containsEntry("code", "out_of_range"));
            assertThat(influx.rows(db(store), "SHOW MEASUREMENTS")).extracting(row -> row.get("name"))
                    .containsExactly("rejected_readings");
        }
    }

    static Stream<String> valuesNoTagCanHold() {
        return InjectionCorpus.stringFieldValues().filter(value -> InjectionCorpus.tagValues().noneMatch(value::equals));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valuesNoTagCanHold")
    void aDeviceNoTagCanHoldIsStoredAsUnknownWithoutAlteringIt(String value, InfluxServer influx) {
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestRejections.tooHot(value, value), TestReadings.uniqueTime());

            assertThat(influx.rows(db(store), "SELECT * FROM rejected_readings"))
                    .singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("device", "unknown").doesNotContainKey("location"));
        }
    }

    @Test
    void rejectionsShareTheReadingsDatabaseAndItsRetention(InfluxServer influx) {
        Instant at = TestReadings.uniqueTime();
        try (InfluxStore store = open(influx)) {
            store.storeNow(TestReadings.dht11(at));
            store.storeNow(TestRejections.tooHot("pi-livingroom", "livingroom"), at);

            assertThat(influx.rows(db(store), "SHOW MEASUREMENTS")).extracting(row -> row.get("name"))
                    .containsExactlyInAnyOrder("rejected_readings", "rpi_dht11");
            assertThat(influx.rows(db(store), "SELECT count(\"count\") FROM \"edge\".\"rejected_readings\""))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("count", 1));
        }
    }

    private static InfluxStore open(InfluxServer influx) {
        return InfluxStore.open(InfluxSettings.v1(influx.url(), "rejected_test_" + DATABASES.incrementAndGet()));
    }

    private static String db(InfluxStore store) {
        return store.settings().database();
    }
}
