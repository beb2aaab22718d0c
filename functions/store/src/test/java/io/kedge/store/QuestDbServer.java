package io.kedge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real server for the InfluxDB 2.x write API: QuestDB, embedded in the test JVM, with its data
 * in a temp dir and its HTTP server (which serves {@code /api/v2/write}) on a free loopback port.
 * It needs no token and ignores org and bucket; every measurement becomes a table, tags become
 * SYMBOL columns, the timestamp the column {@code timestamp}.
 *
 * <p>Rows become visible asynchronously after the 204 (QuestDB applies its write-ahead log in the
 * background), so reads poll.
 */
public final class QuestDbServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // QuestDB logs every request at INFO to stdout; its own log configuration, read once per
        // JVM from the file named by the system property "out", sends everything to a file instead.
        try {
            Path config = Files.createTempFile("questdb-log", ".conf");
            Path log = config.resolveSibling(config.getFileName() + ".log");
            Files.writeString(config, "writers=file\n"
                    + "w.file.class=io.questdb.log.LogFileWriter\n"
                    + "w.file.location=" + log + "\n"
                    + "w.file.level=ERROR,CRITICAL\n");
            config.toFile().deleteOnExit();
            log.toFile().deleteOnExit();
            System.setProperty("out", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Path dir;
    private final ServerMain server;

    private QuestDbServer(Path dir, ServerMain server) {
        this.dir = dir;
        this.server = server;
    }

    /** Starts a fresh, empty server (about 2 s). */
    public static QuestDbServer start() {
        try {
            Path dir = Files.createTempDirectory("kedge-questdb");
            Map<String, String> env = new HashMap<>();
            env.put("QDB_HTTP_BIND_TO", "127.0.0.1:0");
            for (String off : List.of("QDB_PG_ENABLED", "QDB_HTTP_MIN_ENABLED", "QDB_LINE_TCP_ENABLED",
                    "QDB_LINE_UDP_ENABLED", "QDB_TELEMETRY_ENABLED", "QDB_METRICS_ENABLED")) {
                env.put(off, "false");
            }
            ServerMain server = ServerMain.create(dir.toString(), env);
            server.start();
            return new QuestDbServer(dir, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL of the HTTP server; {@code /api/v2/write} lives under it. */
    public String url() {
        return "http://127.0.0.1:" + server.getHttpServerPort();
    }

    /**
     * The rows of a SQL query as column-to-value maps; empty when the table does not exist (yet).
     */
    public List<Map<String, Object>> rows(String sql) {
        JsonNode answer = exec(sql);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (answer.has("error")) {
            if (answer.get("error").asText().contains("does not exist")) {
                return rows;
            }
            throw new IllegalStateException("QuestDB refused " + sql + ": " + answer.get("error").asText());
        }
        List<String> columns = new ArrayList<>();
        answer.path("columns").forEach(column -> columns.add(column.get("name").asText()));
        for (JsonNode values : answer.path("dataset")) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), JSON.convertValue(values.get(i), Object.class));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Rows of {@code table} (0 when it does not exist yet). */
    public long count(String table) {
        List<Map<String, Object>> rows = rows("select count() n from '" + table + "'");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("n")).longValue();
    }

    /** Runs DDL such as {@code CREATE TABLE}. */
    public void execute(String sql) {
        JsonNode answer = exec(sql);
        if (answer.has("error")) {
            throw new IllegalStateException("QuestDB refused " + sql + ": " + answer.get("error").asText());
        }
    }

    private JsonNode exec(String sql) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(url() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying QuestDB", e);
        }
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
