package io.kedge.alert.state;

import static io.kedge.functions.support.InfluxHttp.abbreviate;
import static io.kedge.functions.support.InfluxHttp.encode;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.rules.SeriesState;
import io.kedge.functions.support.InfluxHttp;
import io.kedge.functions.support.SharedWrite;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The alert state in InfluxDB 1.x (the server the stack already runs for readings), through its
 * HTTP API: measurements {@code alert_state} and {@code alert_seen} ({@link StateLines}) in a
 * database of their own. A write is answered by InfluxDB only once it is in its WAL, and
 * {@link #save} returns only then: what the function announces is stored first. Concurrent saves
 * (readings of different devices; one device's are serialised by the engine) share one write
 * ({@link SharedWrite}).
 */
public final class InfluxStateStore implements StateStore {

    /**
     * @param url      base URL, e.g. {@code http://127.0.0.1:8086}
     * @param database holds nothing but the alert state; created when missing
     * @param timeout  bound of one request, connect to last byte
     */
    public record Settings(URI url, String database, Optional<String> username, Optional<String> password, Duration timeout) {

        @Override
        public String toString() {
            return url + " database " + database + username.map(u -> " as " + u).orElse("");
        }
    }

    private final Settings settings;
    private final InfluxHttp influx;
    private final SharedWrite shared = new SharedWrite(this::store);

    public InfluxStateStore(Settings settings) {
        this.settings = settings;
        this.influx = new InfluxHttp(settings.url(), settings.username(), settings.password(), settings.timeout(),
                "alert state");
    }

    @Override
    public Snapshot load() {
        createDatabase();
        JsonNode seen = query("SELECT * FROM " + StateLines.SEEN + " GROUP BY *");
        JsonNode series = query("SELECT * FROM " + StateLines.STATE + " GROUP BY *");
        return new Snapshot(StateLines.devices(seen), StateLines.series(series));
    }

    @Override
    public void save(Map<String, DeviceSeen> devices, Map<SeriesKey, SeriesState> series) {
        if (devices.isEmpty() && series.isEmpty()) {
            return;
        }
        shared.write(StateLines.encode(devices, series));
    }

    /** One write of the lines of one or more concurrent saves. */
    private void store(String lines) {
        InfluxHttp.Answer response = write(lines);
        if (response.statusCode() == 404 && response.body().contains("database not found")) {
            // Dropped behind our back (or never created, when InfluxDB was down at start).
            createDatabase();
            response = write(lines);
        }
        if (response.statusCode() != 204) {
            throw influx.unavailable("InfluxDB at " + settings.url() + " refused the alert state ("
                    + response.statusCode() + "): " + abbreviate(response.body()));
        }
    }

    private InfluxHttp.Answer write(String lines) {
        return influx.write("db=" + encode(settings.database()) + "&precision=ms", lines, "writing the alert state");
    }

    /** Idempotent: InfluxDB answers success when the database exists. */
    void createDatabase() {
        String statement = "CREATE DATABASE " + settings.database();
        JsonNode answer = influx.post("q=" + encode("CREATE DATABASE \"" + settings.database() + "\""), statement,
                "creating database " + settings.database());
        influx.checkErrors(answer, statement);
    }

    private JsonNode query(String influxql) {
        JsonNode answer = influx.get("db=" + encode(settings.database()) + "&epoch=ms&q=" + encode(influxql), influxql,
                "reading the alert state");
        influx.checkErrors(answer, influxql);
        return answer;
    }

    @Override
    public String toString() {
        return "InfluxDB " + settings;
    }
}
