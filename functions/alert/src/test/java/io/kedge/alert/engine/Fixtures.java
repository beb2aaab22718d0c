package io.kedge.alert.engine;

import io.kedge.alert.rules.RuleSet;
import io.kedge.alert.rules.RulesFile;
import io.kedge.alert.state.InfluxStateStore;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.InfluxServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Rules, readings and engines for the engine tests, which run against a real InfluxDB. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    /** Far ahead of every tick of the tests, so that no tick is capped at the clock. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);

    static final RuleSet RULES = RulesFile.parse("""
            rules:
              - name: temperature-high
                kind: threshold
                metric: temperature
                above: 30
                clear: 28
                for: 2m
              - name: temperature-jump
                kind: rate-of-change
                metric: temperature
                severity: critical
                delta: 5
                window: 10m
              - name: humidity-high
                kind: threshold
                metric: humidity
                severity: info
                above: 70
                clear: 65
              - name: device-silent
                kind: no-data
                severity: critical
                after: 5m
                repeat-interval: 1h
            """, "engine test rules", java.util.Map.of());

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A database of its own for each test, so that tests sharing one server never see each other's state. */
    static String freshDatabase() {
        return "kedge_alert_" + DATABASES.incrementAndGet();
    }

    static InfluxStateStore store(InfluxServer influx, String database) {
        return new InfluxStateStore(new InfluxStateStore.Settings(URI.create(influx.url()), database,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5)));
    }

    /** A new engine over the state in {@code database}, as a freshly started instance builds it. */
    static AlertEngine engine(InfluxServer influx, String database) {
        return new AlertEngine(RULES, store(influx, database), CLOCK);
    }

    static ValidatedReading reading(String device, String offset, double celsius) {
        return reading(device, offset, celsius, 45.0);
    }

    static ValidatedReading reading(String device, String offset, double celsius, double humidity) {
        return new ValidatedReading(device, "livingroom", "dht22", celsius, humidity, null, at(offset).toString(), List.of());
    }

    static Instant at(String offset) {
        return START.plus(io.kedge.alert.rules.Durations.parse(offset));
    }

    /** A reading's event id as the contract derives it: one per device and sample time. */
    static String id(ValidatedReading reading) {
        return reading.deviceId() + "/" + reading.time();
    }

    /** {@code fired temperature-high pi-1 @10:03:00Z} per announcement, for compact assertions. */
    static List<String> describe(List<Announcement> announcements) {
        return announcements.stream()
                .map(a -> a.kind().name().toLowerCase() + " " + a.alert().rule() + " " + a.alert().deviceId() + " @" + a.time())
                .toList();
    }

    private Fixtures() {
    }
}
