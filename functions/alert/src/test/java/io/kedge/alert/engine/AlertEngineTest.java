package io.kedge.alert.engine;

import static io.kedge.alert.engine.Fixtures.at;
import static io.kedge.alert.engine.Fixtures.describe;
import static io.kedge.alert.engine.Fixtures.engine;
import static io.kedge.alert.engine.Fixtures.id;
import static io.kedge.alert.engine.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.UnusableReadingException;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the engine against a real InfluxDB: one fired and one resolved per incident, and the
 * same announcements when the instance is replaced by a fresh one (built from the same store, as
 * after scale to zero or a crash) between any two events.
 */
@ExtendWith(RealServers.class)
class AlertEngineTest {

    private final InfluxServer influx;
    private String database;

    AlertEngineTest(InfluxServer influx) {
        this.influx = influx;
    }

    @BeforeEach
    void freshDatabase() {
        database = Fixtures.freshDatabase();
    }

    @Test
    void anIncidentIsFiredOnceAndResolvedOnce() {
        AlertEngine engine = engine(influx, database);

        List<String> announced = feed(engine, "pi-1",
                "0s:29", "1m:31", "2m:31.5", "3m:32", "4m:32", "5m:29", "6m:27.5", "7m:27");

        assertThat(announced).containsExactly(
                "fired temperature-high pi-1 @2026-11-27T10:03:00Z",
                "resolved temperature-high pi-1 @2026-11-27T10:06:00Z");
    }

    @Test
    void firedAlertCarriesTheRuleTheDeviceAndAStableFingerprint() {
        AlertEngine engine = engine(influx, database);
        feed(engine, "pi-1", "0s:29", "1m:31");

        Announcement fired = engine.onReading("r-3m", reading("pi-1", "3m", 32.5)).get(0);

        assertThat(fired.alert()).isEqualTo(new Alert("temperature-high", "warning", "pi-1", "livingroom", "temperature",
                32.5, 30.0, "2026-11-27T10:03:00Z", null, Fingerprints.of("temperature-high", "pi-1")));
        assertThat(fired.id()).isEqualTo(Fingerprints.of("temperature-high", "pi-1") + "/2026-11-27T10:03:00Z/fired");
        assertThat(fired.eventType()).isEqualTo("io.kedge.alert.fired.v1");
    }

    @Test
    void concurrentDevicesShareStateWritesAndAFreshInstanceSeesEveryIncident() throws Exception {
        // GIVEN 24 devices whose readings arrive at once, as the broker delivers up to 64 in parallel
        AlertEngine engine = engine(influx, database);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<List<Announcement>>> fired = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                String device = "pi-" + i;
                fired.add(callers.submit(() -> {
                    engine.onReading(device + "-a", reading(device, "0s", 29));
                    engine.onReading(device + "-b", reading(device, "1m", 31));
                    return engine.onReading(device + "-c", reading(device, "3m", 32));
                }));
            }
            // WHEN every device fired
            for (java.util.concurrent.Future<List<Announcement>> announced : fired) {
                assertThat(describe(announced.get(30, java.util.concurrent.TimeUnit.SECONDS))).hasSize(1);
            }
        } finally {
            callers.shutdownNow();
        }

        // THEN a fresh instance resolves each incident exactly once: every state write was stored
        AlertEngine fresh = engine(influx, database);
        for (int i = 0; i < 24; i++) {
            String device = "pi-" + i;
            assertThat(fresh.onReading(device + "-d", reading(device, "4m", 32))).as(device + " still hot").isEmpty();
            assertThat(describe(fresh.onReading(device + "-e", reading(device, "5m", 27.5))))
                    .containsExactly("resolved temperature-high " + device + " @2026-11-27T10:05:00Z");
        }
    }

    @Test
    void aFreshInstanceInTheMiddleOfAnIncidentResolvesItOnce() {
        // GIVEN an incident fired by one instance
        List<String> first = feed(engine(influx, database), "pi-1", "0s:29", "1m:31", "3m:32");
        assertThat(first).containsExactly("fired temperature-high pi-1 @2026-11-27T10:03:00Z");

        // WHEN that instance is gone and a new one takes the rest of the incident
        AlertEngine second = engine(influx, database);
        List<Announcement> stillHot = second.onReading("r-4m", reading("pi-1", "4m", 32));
        List<Announcement> cooled = second.onReading("r-5m", reading("pi-1", "5m", 27.5));

        // THEN no second fired, and exactly one resolved for the same incident
        assertThat(stillHot).isEmpty();
        assertThat(describe(cooled)).containsExactly("resolved temperature-high pi-1 @2026-11-27T10:05:00Z");
        assertThat(cooled.get(0).alert().startsAt()).isEqualTo("2026-11-27T10:03:00Z");
        assertThat(engine(influx, database).onReading("r-6m", reading("pi-1", "6m", 27.5))).isEmpty();
    }

    @Test
    void aFreshInstanceKeepsThePendingHoldTime() {
        feed(engine(influx, database), "pi-1", "0s:29", "1m:31");

        List<Announcement> fired = engine(influx, database).onReading("r-3m", reading("pi-1", "3m", 31));

        assertThat(describe(fired)).as("pending since 1m, so 2m later it fires").containsExactly(
                "fired temperature-high pi-1 @2026-11-27T10:03:00Z");
    }

    @Test
    void aFreshInstanceBeforeEveryEventAnnouncesExactlyWhatOneInstanceDoes() {
        List<String> events = List.of("r 0s:20", "r 1m:29", "r 2m:31", "r 3m:31", "r 4m:32", "t 6m", "t 11m",
                "r 12m:33", "r 13m:29", "r 14m:27", "r 15m:26", "t 21m", "t 22m", "r 23m:20", "r 24m:20");
        String oneInstance = database;
        String freshEachTime = Fixtures.freshDatabase();

        AlertEngine engine = engine(influx, oneInstance);
        List<String> continuous = run(events, () -> engine);
        List<String> restarted = run(events, () -> engine(influx, freshEachTime));

        assertThat(restarted).isEqualTo(continuous);
        assertThat(continuous).containsExactly(
                "r 1m: fired temperature-jump pi-1 @2026-11-27T10:01:00Z",
                "r 4m: fired temperature-high pi-1 @2026-11-27T10:04:00Z",
                "t 11m: fired device-silent pi-1 @2026-11-27T10:09:00Z",
                "r 12m: resolved device-silent pi-1 @2026-11-27T10:12:00Z",
                "r 12m: resolved temperature-jump pi-1 @2026-11-27T10:12:00Z",
                "r 14m: fired temperature-jump pi-1 @2026-11-27T10:14:00Z",
                "r 14m: resolved temperature-high pi-1 @2026-11-27T10:14:00Z",
                "t 21m: fired device-silent pi-1 @2026-11-27T10:20:00Z",
                "r 23m: resolved device-silent pi-1 @2026-11-27T10:23:00Z");
    }

    @Test
    void noDataFiresOnATickOnceAcrossInstancesAndResolvesWithTheNextReading() {
        engine(influx, database).onReading("r-0", reading("pi-2", "0s", 21));

        List<Announcement> fired = engine(influx, database).onTick("tick-6m", at("6m"));
        List<Announcement> laterTick = engine(influx, database).onTick("tick-7m", at("7m"));
        List<Announcement> back = engine(influx, database).onReading("r-8m", reading("pi-2", "8m", 21));

        assertThat(describe(fired)).containsExactly("fired device-silent pi-2 @2026-11-27T10:05:00Z");
        assertThat(fired.get(0).alert()).extracting(Alert::value, Alert::threshold, Alert::metric, Alert::severity)
                .containsExactly(360.0, 300.0, null, "critical");
        assertThat(laterTick).isEmpty();
        assertThat(describe(back)).containsExactly("resolved device-silent pi-2 @2026-11-27T10:08:00Z");
    }

    @Test
    void aTickChecksEveryKnownDevice() {
        AlertEngine engine = engine(influx, database);
        engine.onReading("a", reading("pi-a", "0s", 21));
        engine.onReading("b", reading("pi-b", "3m", 21));
        engine.onReading("c", reading("pi-c", "1m", 21));

        List<Announcement> fired = engine.onTick("tick", at("7m"));

        assertThat(describe(fired)).containsExactly(
                "fired device-silent pi-a @2026-11-27T10:05:00Z",
                "fired device-silent pi-c @2026-11-27T10:06:00Z");
    }

    @Test
    void openIncidentsAreAnnouncedAgainOnTicksAfterTheRepeatInterval() {
        engine(influx, database).onReading("r-0", reading("pi-3", "0s", 21));
        engine(influx, database).onTick("t-6m", at("6m"));

        List<Announcement> early = engine(influx, database).onTick("t-30m", at("30m"));
        List<Announcement> repeated = engine(influx, database).onTick("t-66m", at("66m"));
        List<Announcement> notTwice = engine(influx, database).onTick("t-67m", at("67m"));

        assertThat(early).isEmpty();
        assertThat(describe(repeated)).containsExactly("fired device-silent pi-3 @2026-11-27T11:06:00Z");
        assertThat(repeated.get(0).alert().startsAt()).as("the same incident").isEqualTo("2026-11-27T10:05:00Z");
        assertThat(repeated.get(0).id()).endsWith("/fired/2026-11-27T11:06:00Z");
        assertThat(notTwice).isEmpty();
    }

    @Test
    void aRedeliveredReadingAnnouncesAgainWithTheSameIdInAnyInstance() {
        // The answer carrying "fired" may be lost after the state was stored (the process killed
        // in between): the broker then delivers the same reading again.
        AlertEngine engine = engine(influx, database);
        feed(engine, "pi-4", "0s:29", "1m:31");
        ValidatedReading firing = reading("pi-4", "3m", 32);
        Announcement fired = engine.onReading(id(firing), firing).get(0);

        List<Announcement> again = engine.onReading(id(firing), firing);
        List<Announcement> againElsewhere = engine(influx, database).onReading(id(firing), firing);

        assertThat(again).containsExactly(fired);
        assertThat(againElsewhere).containsExactly(fired);
    }

    @Test
    void aReadingOlderThanTheLastIsNotEvaluated() {
        AlertEngine engine = engine(influx, database);
        feed(engine, "pi-5", "0s:29", "1m:31", "3m:32");

        List<Announcement> late = engine.onReading("late", reading("pi-5", "2m", 20));
        List<Announcement> next = engine.onReading("next", reading("pi-5", "4m", 33));

        assertThat(late).as("an out-of-order reading resolves nothing").isEmpty();
        assertThat(next).isEmpty();
    }

    @Test
    void oneReadingFiringSeveralRulesAnnouncesTheMostImportantFirst() {
        AlertEngine engine = engine(influx, database);
        engine.onReading("r-0", reading("pi-6", "0s", 22, 60));

        List<Announcement> both = engine.onReading("r-1m", reading("pi-6", "1m", 28, 75));

        assertThat(describe(both)).containsExactly(
                "fired temperature-jump pi-6 @2026-11-27T10:01:00Z",
                "fired humidity-high pi-6 @2026-11-27T10:01:00Z");
    }

    @Test
    void theStateInInfluxDbIsOnePointPerSeriesHoldingTheIncident() {
        AlertEngine engine = engine(influx, database);
        feed(engine, "pi-7", "0s:29", "1m:31", "3m:32", "4m:32.5", "5m:33");

        List<Map<String, Object>> state = influx.rows(database,
                "SELECT * FROM alert_state WHERE device = 'pi-7' AND rule = 'temperature-high'");
        List<Map<String, Object>> seen = influx.rows(database, "SELECT * FROM alert_seen WHERE device = 'pi-7'");

        assertThat(state).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("firing");
            assertThat(((Number) row.get("starts_at")).longValue()).isEqualTo(at("3m").toEpochMilli());
            assertThat(((Number) row.get("value")).doubleValue()).isEqualTo(32.0);
            assertThat(((Number) row.get("time")).longValue()).isZero();
        });
        assertThat(seen).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("seen")).longValue()).isEqualTo(at("5m").toEpochMilli());
            assertThat(row.get("location")).isEqualTo("livingroom");
        });
    }

    @Test
    void deviceIdsWithLineProtocolCharactersSurviveAFreshInstance() {
        String device = "pi, living=room \"2\" \\ ä";
        List<String> fired = feed(engine(influx, database), device, "0s:29", "1m:31", "3m:32");

        List<Announcement> resolved = engine(influx, database).onReading("cool", reading(device, "4m", 27.5));

        assertThat(fired).containsExactly("fired temperature-high " + device + " @2026-11-27T10:03:00Z");
        assertThat(describe(resolved)).containsExactly("resolved temperature-high " + device + " @2026-11-27T10:04:00Z");
    }

    @Test
    void aReadingWithoutUsableDeviceOrTimeIsRefusedAsUnusable() {
        AlertEngine engine = engine(influx, database);

        assertThatThrownBy(() -> engine.onReading("x", reading(" ", "0s", 20)))
                .isInstanceOf(UnusableReadingException.class).hasMessageContaining("names no deviceId");
        assertThatThrownBy(() -> engine.onReading("x", reading("pi\n1", "0s", 20)))
                .isInstanceOf(UnusableReadingException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> engine.onReading("x", reading("pi\\", "0s", 20)))
                .isInstanceOf(UnusableReadingException.class).hasMessageContaining("ends with a backslash");
        assertThatThrownBy(() -> engine.onReading("x", new ValidatedReading("pi", null, "dht11", 20.0, null, null,
                "2026-11-27T10:00:00", List.of())))
                .isInstanceOf(UnusableReadingException.class).hasMessageContaining("\"2026-11-27T10:00:00\"");
    }

    /** Feeds {@code offset:celsius} readings of one device; returns what they announced. */
    private static List<String> feed(AlertEngine engine, String device, String... readings) {
        List<String> announced = new ArrayList<>();
        for (String spec : readings) {
            String[] parts = spec.split(":");
            ValidatedReading reading = reading(device, parts[0], Double.parseDouble(parts[1]));
            announced.addAll(describe(engine.onReading(id(reading), reading)));
        }
        return announced;
    }

    /** Runs {@code r offset:celsius} readings and {@code t offset} ticks of device pi-1, each on the engine supplied. */
    private static List<String> run(List<String> events, java.util.function.Supplier<AlertEngine> engines) {
        List<String> announced = new ArrayList<>();
        for (String event : events) {
            String[] parts = event.split(" ");
            List<Announcement> out;
            if (parts[0].equals("r")) {
                String[] reading = parts[1].split(":");
                ValidatedReading r = reading("pi-1", reading[0], Double.parseDouble(reading[1]));
                out = engines.get().onReading(id(r), r);
            } else {
                out = engines.get().onTick("tick-" + parts[1], at(parts[1]));
            }
            String at = parts[0] + " " + parts[1].split(":")[0];
            describe(out).forEach(d -> announced.add(at + ": " + d));
        }
        return announced;
    }
}
