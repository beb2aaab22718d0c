package io.kedge.aggregate.engine;

import io.kedge.aggregate.state.InfluxWindowStore;
import io.kedge.aggregate.window.WindowSpec;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.InfluxServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Windows, readings and engines for the engine tests, which run against a real InfluxDB. */
final class Fixtures {

    static final WindowSpec MINUTE = new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(10));
    /**
     * Three hours ago, on the hour: sample times within the retention policy InfluxDB enforces by
     * its own clock, and before the engine's clock, so that no tick is capped.
     */
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    static final Duration RETENTION = Duration.ofHours(24);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A database of its own for each test, so that tests sharing one server never see each other's windows. */
    static String freshDatabase() {
        return "kedge_aggregate_" + DATABASES.incrementAndGet();
    }

    static InfluxWindowStore store(InfluxServer influx, String database) {
        return new InfluxWindowStore(new InfluxWindowStore.Settings(URI.create(influx.url()), database, "aggregate",
                RETENTION, Optional.empty(), Optional.empty(), Duration.ofSeconds(5)));
    }

    /** A new engine over the windows in {@code database}, as a freshly started instance builds it. */
    static AggregateEngine engine(InfluxServer influx, String database, Clock clock) {
        return new AggregateEngine(MINUTE, store(influx, database), clock);
    }

    static AggregateEngine engine(InfluxServer influx, String database) {
        return engine(influx, database, clock(START.plus(2, ChronoUnit.HOURS)));
    }

    static Clock clock(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    static ValidatedReading reading(String device, String offset, double celsius, double humidity) {
        return new ValidatedReading(device, "kitchen", "dht22", celsius, humidity, null, at(offset).toString(), List.of());
    }

    /** A reading's event id as validate derives it: one per device and sample time. */
    static String id(ValidatedReading reading) {
        return reading.deviceId() + "/" + reading.time() + "/validated";
    }

    /** {@code m:ss} after {@link #START}. */
    static Instant at(String offset) {
        String[] parts = offset.split(":");
        return START.plus(Duration.ofMinutes(Long.parseLong(parts[0])).plusSeconds(Long.parseLong(parts[1])));
    }

    static String offset(String instant) {
        long seconds = Duration.between(START, Instant.parse(instant)).toSeconds();
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    /** {@code pi-1 temperature 0:00 n=2 mean=21.5 last=22.0@0:35} per summary, for compact assertions. */
    static List<String> describe(Outcome outcome) {
        List<String> lines = new ArrayList<>(outcome.summaries().stream().map(Fixtures::describe).toList());
        outcome.late().forEach(metric -> lines.add("late " + metric.label()));
        return lines;
    }

    static String describe(Summary s) {
        return s.deviceId() + " " + s.metric() + " " + offset(s.windowStart()) + " n=" + s.count() + " min=" + s.min()
                + " max=" + s.max() + " mean=" + Math.round(s.mean() * 1000) / 1000.0 + " last=" + s.last() + "@"
                + offset(s.lastTime());
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private Fixtures() {
    }
}
