package io.kedge.aggregate.engine;

import static io.kedge.aggregate.engine.Fixtures.START;
import static io.kedge.aggregate.engine.Fixtures.at;
import static io.kedge.aggregate.engine.Fixtures.describe;
import static io.kedge.aggregate.engine.Fixtures.engine;
import static io.kedge.aggregate.engine.Fixtures.id;
import static io.kedge.aggregate.engine.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kedge.aggregate.state.InfluxWindowStore;
import io.kedge.aggregate.state.WindowLines;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.UnusableReadingException;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the engine against a real InfluxDB: each window summarised once with every reading
 * counted, and the same summaries when the instance is replaced by a fresh one (built from the same
 * store, as after scale to zero or a crash) between any two events, including events delivered
 * again after their answer was lost.
 */
@ExtendWith(RealServers.class)
class AggregateEngineTest {

    /** Two devices over two minutes: late readings within and beyond the grace, ticks, a redelivered tick. */
    private static final List<String> SEQUENCE = List.of(
            "pi-1 0:05 21.0/45", "pi-1 0:25 22.0/46", "pi-2 0:15 18.0/60", "pi-1 0:45 23.0/44",
            "pi-1 1:05 24.0/43", "pi-1 0:58 22.5/45", "pi-1 1:12 24.0/43", "tick 1:20",
            "pi-2 0:50 19.0/61", "pi-1 1:40 25.0/42", "tick 2:10", "tick 2:10");

    private static final List<List<String>> EXPECTED = List.of(
            List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(),
            List.of("pi-1 temperature 0:00 n=4 min=21.0 max=23.0 mean=22.125 last=22.5@0:58",
                    "pi-1 humidity 0:00 n=4 min=44.0 max=46.0 mean=45.0 last=45.0@0:58"),
            List.of("pi-2 temperature 0:00 n=1 min=18.0 max=18.0 mean=18.0 last=18.0@0:15",
                    "pi-2 humidity 0:00 n=1 min=60.0 max=60.0 mean=60.0 last=60.0@0:15"),
            List.of("late temperature", "late humidity"),
            List.of(),
            List.of("pi-1 temperature 1:00 n=3 min=24.0 max=25.0 mean=24.333 last=25.0@1:40",
                    "pi-1 humidity 1:00 n=3 min=42.0 max=43.0 mean=42.667 last=42.0@1:40"),
            // the same tick again (its answer lost): the same summaries again
            List.of("pi-1 temperature 1:00 n=3 min=24.0 max=25.0 mean=24.333 last=25.0@1:40",
                    "pi-1 humidity 1:00 n=3 min=42.0 max=43.0 mean=42.667 last=42.0@1:40"));

    private final InfluxServer influx;
    private String database;

    AggregateEngineTest(InfluxServer influx) {
        this.influx = influx;
    }

    @BeforeEach
    void freshDatabase() {
        database = Fixtures.freshDatabase();
    }

    @Test
    void oneInstanceSummarisesEachWindowOnceWithEveryReadingInTime() {
        AggregateEngine engine = engine(influx, database);

        assertThat(run(() -> engine)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aFreshInstanceBeforeEveryEventGivesTheSameSummaries() {
        // GIVEN the instance is replaced before every event, as scale to zero or a crash would
        assertThat(run(() -> engine(influx, database))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aTickDeliveredAgainToANewInstanceAnnouncesWhatItClosedWithTheSameData() {
        AggregateEngine first = engine(influx, database);
        take(first, "pi-1 0:05 21.3/45");
        take(first, "pi-1 0:40 21.9/47");
        Outcome closed = first.onTick("tick-1:10", at("1:10"));

        // WHEN the instance died before answering, and the broker delivers the tick again to a new one
        Outcome again = engine(influx, database).onTick("tick-1:10", at("1:10"));

        // THEN the same summaries, equal to the last bit, none of them closed a second time
        assertThat(closed.summaries()).hasSize(2);
        assertThat(again.summaries()).containsExactlyElementsOf(closed.summaries());
        assertThat(again.closed()).isZero();
        assertThat(closed.closed()).isEqualTo(2);
        assertThat(engine(influx, database).onTick("tick-2:10", at("2:10")).summaries()).isEmpty();
    }

    @Test
    void aReadingDeliveredAgainAnnouncesWhatItClosedAndCountsOnce() {
        AggregateEngine first = engine(influx, database);
        take(first, "pi-1 0:30 21.0/45");
        ValidatedReading crossing = reading("pi-1", "1:15", 22.0, 46.0);
        Outcome closed = first.onReading(id(crossing), crossing);

        AggregateEngine second = engine(influx, database);
        Outcome again = second.onReading(id(crossing), crossing);
        Outcome next = second.onTick("tick-2:10", at("2:10"));

        assertThat(again.summaries()).containsExactlyElementsOf(closed.summaries()).hasSize(2);
        assertThat(describe(next)).containsExactly(
                "pi-1 temperature 1:00 n=1 min=22.0 max=22.0 mean=22.0 last=22.0@1:15",
                "pi-1 humidity 1:00 n=1 min=46.0 max=46.0 mean=46.0 last=46.0@1:15");
    }

    @Test
    void readingsForWindowsThatClosedAreLateForANewInstanceToo() {
        AggregateEngine first = engine(influx, database);
        take(first, "pi-1 0:30 21.0/45");
        first.onTick("tick-1:10", at("1:10"));

        AggregateEngine second = engine(influx, database);

        assertThat(describe(take(second, "pi-1 0:59 30.0/45"))).as("its window closed by the tick")
                .containsExactly("late temperature", "late humidity");
        assertThat(describe(take(second, "pi-3 0:40 30.0/-"))).as("a window that never opened, past its end + grace")
                .containsExactly("late temperature");
        assertThat(describe(take(second, "pi-3 1:01 30.0/-"))).as("within the grace of the next window").isEmpty();
    }

    @Test
    void deviceIdsThatLineProtocolAndInfluxQlMustEscapeSurviveARestart() {
        String device = "pi o'brien, \"kitchen\"=1";
        AggregateEngine first = engine(influx, database);
        first.onReading("a", new ValidatedReading(device, "kitchen, north", "dht22", 21.0, 45.0, null, at("0:10").toString(), List.of()));

        AggregateEngine second = engine(influx, database);
        second.onReading("b", new ValidatedReading(device, "kitchen, north", "dht22", 23.0, 47.0, null, at("0:20").toString(), List.of()));
        Outcome closed = second.onTick("tick", at("1:10"));

        assertThat(closed.summaries()).extracting(Summary::deviceId, Summary::location, Summary::count, Summary::mean)
                .containsExactly(
                        tuple(device, "kitchen, north", 2, 22.0),
                        tuple(device, "kitchen, north", 2, 46.0));
    }

    @Test
    void closedSummariesAreStoredAsPointsAtTheirWindowStartUnderTheConfiguredRetention() {
        AggregateEngine engine = engine(influx, database);
        take(engine, "pi-1 0:10 21.0/45");
        take(engine, "pi-1 0:20 22.0/46");
        engine.onTick("tick-1:10", at("1:10"));

        List<Map<String, Object>> rows = influx.rows(database,
                "SELECT \"count\", \"mean\", \"last\", \"window\" FROM " + WindowLines.SUMMARY + " WHERE \"metric\" = 'temperature'");
        List<Map<String, Object>> policies = influx.rows(database, "SHOW RETENTION POLICIES ON \"" + database + "\"");

        // InfluxDB writes a float without fraction as 22, read back as an integer
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("time", at("0:00").toEpochMilli()).containsEntry("count", 2)
                    .containsEntry("window", "PT1M");
            assertThat(((Number) row.get("mean")).doubleValue()).isEqualTo(21.5);
            assertThat(((Number) row.get("last")).doubleValue()).isEqualTo(22.0);
        });
        assertThat(policies).anySatisfy(p -> assertThat(p)
                .containsEntry("name", "aggregate").containsEntry("duration", "24h0m0s").containsEntry("default", true));
    }

    @Test
    void aChangedRetentionIsAppliedToTheExistingPolicy() {
        engine(influx, database).load();
        AggregateEngine longer = new AggregateEngine(Fixtures.MINUTE, new InfluxWindowStore(new InfluxWindowStore.Settings(
                URI.create(influx.url()), database, "aggregate", Duration.ofHours(48), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(5))), Fixtures.clock(START.plus(Duration.ofHours(2))));

        longer.load();

        assertThat(influx.rows(database, "SHOW RETENTION POLICIES ON \"" + database + "\""))
                .anySatisfy(p -> assertThat(p).containsEntry("name", "aggregate").containsEntry("duration", "48h0m0s"));
    }

    @Test
    void aSummaryIsAnnouncedAgainWithinTheRedeliveryHorizonOnly() {
        Fixtures.MovableClock clock = new Fixtures.MovableClock(START.plus(Duration.ofHours(2)));
        AggregateEngine engine = engine(influx, database, clock);
        take(engine, "pi-1 0:10 21.0/45");
        assertThat(engine.onTick("tick-1:10", at("1:10")).summaries()).hasSize(2);

        clock.set(clock.instant().plus(AggregateEngine.REDELIVERY_HORIZON).minusSeconds(1));
        assertThat(engine(influx, database, clock).onTick("tick-1:10", at("1:10")).summaries()).hasSize(2);
        clock.set(clock.instant().plusSeconds(2));
        assertThat(engine(influx, database, clock).onTick("tick-1:10", at("1:10")).summaries()).isEmpty();
    }

    @Test
    void aReadingWithoutUsableDeviceOrTimeIsRefusedAsUnusable() {
        AggregateEngine engine = engine(influx, database);

        assertThatThrownBy(() -> engine.onReading("x", new ValidatedReading("pi\n1", null, "dht11", 21.0, 45.0, null,
                at("0:10").toString(), List.of()))).isInstanceOf(UnusableReadingException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> engine.onReading("x", new ValidatedReading("pi-1\\", null, "dht11", 21.0, 45.0, null,
                at("0:10").toString(), List.of()))).isInstanceOf(UnusableReadingException.class).hasMessageContaining("backslash");
        assertThatThrownBy(() -> engine.onReading("x", new ValidatedReading("pi-1", null, "dht11", 21.0, 45.0, null,
                "2026-11-27T10:00:00", List.of()))).isInstanceOf(UnusableReadingException.class).hasMessageContaining("2026-11-27T10:00:00");
    }

    /** Runs {@link #SEQUENCE}, each event with the engine {@code engines} gives, and describes each outcome. */
    private static List<List<String>> run(Supplier<AggregateEngine> engines) {
        List<List<String>> outcomes = new ArrayList<>();
        for (String event : SEQUENCE) {
            outcomes.add(describe(take(engines.get(), event)));
        }
        return outcomes;
    }

    /** {@code tick m:ss} or {@code <device> m:ss <celsius>/<humidity>} ({@code -} for none). */
    static Outcome take(AggregateEngine engine, String event) {
        String[] words = event.split(" ");
        if (words[0].equals("tick")) {
            return engine.onTick("tick-" + words[1], at(words[1]));
        }
        String[] values = words[2].split("/");
        ValidatedReading reading = new ValidatedReading(words[0], "kitchen", "dht22", Double.parseDouble(values[0]),
                values[1].equals("-") ? null : Double.parseDouble(values[1]), null, at(words[1]).toString(), List.of());
        return engine.onReading(id(reading), reading);
    }
}
