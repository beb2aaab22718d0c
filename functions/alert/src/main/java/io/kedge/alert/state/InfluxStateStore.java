package io.kedge.alert.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kedge.alert.rules.SeriesState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The alert state in InfluxDB 1.x (the server the stack already runs for readings), through its
 * HTTP API: measurements {@code alert_state} and {@code alert_seen} ({@link StateLines}) in a
 * database of their own. A write is answered by InfluxDB only once it is in its WAL, and
 * {@link #save} returns only then: what the function announces is stored first.
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http;
    private final String authorization;

    public InfluxStateStore(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
        this.authorization = settings.username()
                .map(user -> "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + settings.password().orElse("")).getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
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
        String lines = StateLines.encode(devices, series);
        HttpResponse<String> response = write(lines);
        if (response.statusCode() == 404 && response.body().contains("database not found")) {
            // Dropped behind our back (or never created, when InfluxDB was down at start).
            createDatabase();
            response = write(lines);
        }
        if (response.statusCode() != 204) {
            throw new StateUnavailableException("InfluxDB at " + settings.url() + " refused the alert state ("
                    + response.statusCode() + "): " + abbreviate(response.body()));
        }
    }

    private HttpResponse<String> write(String lines) {
        return send(request("/write?db=" + encode(settings.database()) + "&precision=ms")
                .POST(HttpRequest.BodyPublishers.ofString(lines)), "writing the alert state");
    }

    /** Idempotent: InfluxDB answers success when the database exists. */
    void createDatabase() {
        HttpResponse<String> response = send(request("/query")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + encode("CREATE DATABASE \"" + settings.database() + "\""))),
                "creating database " + settings.database());
        checkAnswer(response, "CREATE DATABASE " + settings.database());
    }

    private JsonNode query(String influxql) {
        HttpResponse<String> response = send(request("/query?db=" + encode(settings.database()) + "&epoch=ms&q=" + encode(influxql))
                .GET(), "reading the alert state");
        return checkAnswer(response, influxql);
    }

    private JsonNode checkAnswer(HttpResponse<String> response, String statement) {
        if (response.statusCode() != 200) {
            throw new StateUnavailableException("InfluxDB at " + settings.url() + " answered " + response.statusCode()
                    + " to " + statement + ": " + abbreviate(response.body()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StateUnavailableException("InfluxDB at " + settings.url() + " answered " + statement
                    + " with something that is not JSON: " + abbreviate(response.body()), e);
        }
        for (JsonNode result : answer.path("results")) {
            if (result.has("error")) {
                throw new StateUnavailableException("InfluxDB at " + settings.url() + " refused " + statement + ": "
                        + result.get("error").asText());
            }
        }
        return answer;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(settings.url().toString()) + pathAndQuery))
                .timeout(settings.timeout());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StateUnavailableException("InfluxDB at " + settings.url() + " unreachable while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while " + what, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.length() <= 300 ? trimmed : trimmed.substring(0, 300) + "...";
    }

    @Override
    public String toString() {
        return "InfluxDB " + settings;
    }
}
