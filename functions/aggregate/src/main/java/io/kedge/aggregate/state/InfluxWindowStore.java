package io.kedge.aggregate.state;

import static io.kedge.functions.support.InfluxHttp.abbreviate;
import static io.kedge.functions.support.InfluxHttp.encode;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.aggregate.window.WindowSpec;
import io.kedge.functions.support.InfluxHttp;
import io.kedge.functions.support.SharedWrite;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The windows in InfluxDB 1.x (the server the stack already runs for readings), through its HTTP
 * API: the measurements of {@link WindowLines} in a database of their own, under a retention
 * policy of their own that bounds them. A write is answered by InfluxDB only once it is in its
 * WAL, and {@link #save} returns only then: what the function announces is stored first.
 * Concurrent saves (different devices; one device's are serialised by the engine) share one write
 * ({@link SharedWrite}).
 */
public final class InfluxWindowStore implements WindowStore {

    /**
     * @param url             base URL, e.g. {@code http://127.0.0.1:8086}
     * @param database        holds nothing but the windows; created when missing
     * @param retentionPolicy created when missing (and made the database's default, so that ad-hoc
     *                        queries find the summaries), its duration set to {@code retention}
     * @param timeout         bound of one request, connect to last byte
     */
    public record Settings(URI url, String database, String retentionPolicy, Duration retention,
                           Optional<String> username, Optional<String> password, Duration timeout) {

        @Override
        public String toString() {
            return url + " database " + database + " retention policy " + retentionPolicy + " (" + retention + ")"
                    + username.map(u -> " as " + u).orElse("");
        }
    }

    private static final Logger LOG = Logger.getLogger(InfluxWindowStore.class);
    // Series per request when reading open windows: keeps one query request small.
    private static final int STATEMENTS_PER_QUERY = 100;

    private final Settings settings;
    private final InfluxHttp influx;
    private final SharedWrite shared = new SharedWrite(this::store);
    private volatile boolean databaseReady;

    public InfluxWindowStore(Settings settings) {
        this.settings = settings;
        this.influx = new InfluxHttp(settings.url(), settings.username(), settings.password(), settings.timeout(),
                "aggregate state");
    }

    @Override
    public Snapshot load(WindowSpec spec, Instant closedSince) {
        ensureDatabase();
        JsonNode answer = query(String.join(";\n",
                "SELECT * FROM " + from(WindowLines.TICK) + " ORDER BY time DESC LIMIT 1",
                "SELECT last(\"value\") FROM " + from(WindowLines.SAMPLE) + " GROUP BY \"device\", \"metric\"",
                "SELECT last(\"window_end\") FROM " + from(WindowLines.SUMMARY) + " GROUP BY \"device\", \"metric\"",
                "SELECT * FROM " + from(WindowLines.SUMMARY) + " WHERE \"closed_at\" >= " + WindowLines.nanos(closedSince)
                        + " GROUP BY \"device\", \"metric\""));
        JsonNode results = answer.path("results");
        Instant tickWatermark = WindowLines.firstTime(results.path(0));
        Map<SeriesKey, Instant> lastSamples = WindowLines.times(results.path(1), "time");
        Map<SeriesKey, Instant> closedThrough = WindowLines.times(results.path(2), "last");
        List<StoredSummary> recent = WindowLines.summaries(results.path(3));
        return new Snapshot(tickWatermark, lastSamples, closedThrough,
                openSamples(spec, tickWatermark, lastSamples, closedThrough), recent);
    }

    /**
     * Samples of each series after its last closed window. Windows whose end plus grace lies at or
     * before the ticks' watermark are closed too (a tick is stored only after what it closed), so
     * those are skipped as well: a new instance reads about one window per series.
     */
    private List<StoredSample> openSamples(WindowSpec spec, Instant tickWatermark, Map<SeriesKey, Instant> lastSamples,
                                           Map<SeriesKey, Instant> closedThrough) {
        Instant closedByTicks = tickWatermark == null ? Instant.EPOCH : tickWatermark.minus(spec.size()).minus(spec.grace());
        List<String> statements = new ArrayList<>();
        lastSamples.forEach((key, last) -> {
            Instant from = later(closedThrough.getOrDefault(key, Instant.EPOCH), closedByTicks);
            if (!last.isBefore(from)) {
                statements.add("SELECT * FROM " + from(WindowLines.SAMPLE) + " WHERE \"device\" = " + literal(key.device())
                        + " AND \"metric\" = " + literal(key.metric().label()) + " AND time >= " + WindowLines.nanos(from)
                        + " GROUP BY \"device\", \"metric\"");
            }
        });
        List<StoredSample> samples = new ArrayList<>();
        for (int i = 0; i < statements.size(); i += STATEMENTS_PER_QUERY) {
            JsonNode answer = query(String.join(";\n", statements.subList(i, Math.min(statements.size(), i + STATEMENTS_PER_QUERY))));
            answer.path("results").forEach(result -> samples.addAll(WindowLines.samples(result)));
        }
        return samples;
    }

    @Override
    public void save(Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        shared.write(WindowLines.encode(changes));
    }

    /** One write of the lines of one or more concurrent saves. */
    private void store(String lines) {
        InfluxHttp.Answer response = write(lines);
        if (response.statusCode() != 204 && response.body().contains("not found")) {
            // Database or policy dropped behind our back (or never created, when InfluxDB was down at start).
            databaseReady = false;
            ensureDatabase();
            response = write(lines);
        }
        if (response.statusCode() == 400 && response.body().contains("points beyond retention policy dropped")) {
            // Samples or summaries older than the retention: InfluxDB keeps the rest of the batch.
            // The windows they belong to are gone from storage anyway; the summaries are still announced.
            LOG.warnf("InfluxDB dropped points older than the retention of %s: %s", settings.retention(), response.body().strip());
            return;
        }
        if (response.statusCode() != 204) {
            throw influx.unavailable("InfluxDB at " + settings.url() + " refused the windows ("
                    + response.statusCode() + "): " + abbreviate(response.body()));
        }
    }

    private InfluxHttp.Answer write(String lines) {
        return influx.write("db=" + encode(settings.database()) + "&rp=" + encode(settings.retentionPolicy())
                + "&precision=ns", lines, "writing the windows");
    }

    /**
     * Creates the database and the retention policy, or sets the policy's duration when it exists
     * with another; once per instance (again after InfluxDB reported either missing).
     */
    void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        String database = identifier(settings.database());
        String policy = identifier(settings.retentionPolicy());
        String duration = settings.retention().toSeconds() + "s";
        execute("CREATE DATABASE " + database);
        JsonNode created = post("CREATE RETENTION POLICY " + policy + " ON " + database + " DURATION " + duration
                + " REPLICATION 1 DEFAULT");
        String error = created.path("results").path(0).path("error").asText("");
        if (error.contains("already exists")) {
            execute("ALTER RETENTION POLICY " + policy + " ON " + database + " DURATION " + duration + " DEFAULT");
        } else if (!error.isEmpty()) {
            throw influx.unavailable("InfluxDB at " + settings.url() + " refused retention policy "
                    + settings.retentionPolicy() + ": " + error);
        }
        databaseReady = true;
    }

    private void execute(String statement) {
        JsonNode answer = post(statement);
        checkErrors(answer, statement);
    }

    /** A statement that changes something; its errors are left to the caller. */
    private JsonNode post(String statement) {
        return influx.post("q=" + encode(statement), statement, statement);
    }

    /** One or more SELECTs (separated by ';'), times in epoch nanoseconds. */
    private JsonNode query(String statements) {
        JsonNode answer = influx.post("db=" + encode(settings.database()) + "&epoch=ns&q=" + encode(statements), statements,
                "reading the windows");
        checkErrors(answer, statements);
        return answer;
    }

    private void checkErrors(JsonNode answer, String statement) {
        String error = InfluxHttp.error(answer);
        if (error != null && error.contains("not found")) {
            // Database or policy dropped behind our back: create them again before the next write.
            databaseReady = false;
        }
        influx.checkErrors(answer, statement);
    }

    /** {@code "database"."policy"."measurement"}. */
    private String from(String measurement) {
        return identifier(settings.database()) + "." + identifier(settings.retentionPolicy()) + "." + identifier(measurement);
    }

    private static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** An InfluxQL string literal. */
    static String literal(String text) {
        return '\'' + text.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public String toString() {
        return "InfluxDB " + settings;
    }
}
