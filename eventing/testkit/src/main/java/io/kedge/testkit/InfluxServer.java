package io.kedge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real InfluxDB 1.x ({@code influxd} from Debian's {@code influxdb}) with its meta, data and WAL
 * in a temp dir and both listeners on free loopback ports, so that several run side by side.
 */
public final class InfluxServer extends ServerProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int httpPort = FreePorts.next();
    private final int rpcPort = FreePorts.next();

    private InfluxServer() {
        super("influxd");
    }

    /** Starts a fresh, empty server and waits until {@code /ping} answers. */
    public static InfluxServer start() {
        InfluxServer server = new InfluxServer();
        server.launch();
        return server;
    }

    private void launch() {
        Map<String, String> env = Map.of(
                "INFLUXDB_META_DIR", dir.resolve("meta").toString(),
                "INFLUXDB_DATA_DIR", dir.resolve("data").toString(),
                "INFLUXDB_DATA_WAL_DIR", dir.resolve("wal").toString(),
                "INFLUXDB_BIND_ADDRESS", "127.0.0.1:" + rpcPort,
                "INFLUXDB_HTTP_BIND_ADDRESS", "127.0.0.1:" + httpPort,
                "INFLUXDB_REPORTING_DISABLED", "true",
                "INFLUXDB_MONITOR_STORE_ENABLED", "false",
                "INFLUXDB_HTTP_LOG_ENABLED", "false",
                "INFLUXDB_DATA_QUERY_LOG_ENABLED", "false");
        launch(List.of(binary("influxd", "influxdb").toString(), "run", "-pidfile", dir.resolve("influxd.pid").toString()),
                env, httpPort, Duration.ofSeconds(30));
    }

    /** Stops the server, keeping its data: {@link #restart()} brings it back on the same port. */
    public void stop() {
        stopProcess();
    }

    public void restart() {
        if (isRunning()) {
            stopProcess();
        }
        launch();
    }

    @Override
    protected boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    /** Runs a statement that changes state ({@code CREATE DATABASE ...}) and fails on any error. */
    public JsonNode execute(String statement) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(statement))), statement);
    }

    /** Runs an InfluxQL query against {@code database} and returns InfluxDB's JSON answer. */
    public JsonNode query(String database, String influxql) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/query?db=" + encode(database) + "&epoch=ms&q=" + encode(influxql)))
                .GET(), influxql);
    }

    /**
     * The rows of a query as column-to-value maps, tags of grouped series included; empty when
     * the query matched nothing.
     */
    public List<Map<String, Object>> rows(String database, String influxql) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode result : query(database, influxql).path("results")) {
            for (JsonNode series : result.path("series")) {
                List<String> columns = new ArrayList<>();
                series.path("columns").forEach(c -> columns.add(c.asText()));
                for (JsonNode values : series.path("values")) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    series.path("tags").fields().forEachRemaining(t -> row.put(t.getKey(), t.getValue().asText()));
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), JSON.convertValue(values.get(i), Object.class));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Number of points of {@code measurement} in {@code database} (0 when either does not exist). */
    public long count(String database, String measurement, String field) {
        List<Map<String, Object>> rows = rows(database,
                "SELECT count(\"" + field + "\") FROM \"" + measurement + "\"");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
    }

    /** Writes line protocol (precision ns) to {@code database}. */
    public void write(String database, String lines) {
        send(HttpRequest.newBuilder(URI.create(url() + "/write?db=" + encode(database)))
                .POST(HttpRequest.BodyPublishers.ofString(lines)), lines);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + " to " + what + ": " + response.body());
            }
            if (response.body().isEmpty()) {
                return JSON.createObjectNode();
            }
            JsonNode answer = JSON.readTree(response.body());
            for (JsonNode result : answer.path("results")) {
                if (result.has("error")) {
                    throw new IllegalStateException("InfluxDB refused " + what + ": " + result.get("error").asText());
                }
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB at " + url() + " unreachable for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
