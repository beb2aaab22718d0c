package io.kedge.alert.state;

import static io.kedge.functions.support.InfluxLines.tag;
import static io.kedge.functions.support.InfluxLines.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.rules.SeriesState;
import io.kedge.alert.rules.Status;
import io.kedge.functions.support.InfluxLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alert state as InfluxDB line protocol, and back from InfluxDB's query answer.
 *
 * <p>Every entry is one point at timestamp 0 of its series (tags {@code rule} and {@code device},
 * or {@code device} alone): InfluxDB keeps one point per series and timestamp and lets a later
 * write replace an earlier one, so the measurement holds exactly the current state, however
 * long the function runs. Every field is written every time, since a point replaced in InfluxDB
 * keeps fields the new write lacks. Times are epoch milliseconds, 0 for none.
 */
public final class StateLines {

    public static final String STATE = "alert_state";
    public static final String SEEN = "alert_seen";

    /** Line protocol for the entries, one line each. */
    public static String encode(Map<String, DeviceSeen> devices, Map<SeriesKey, SeriesState> series) {
        StringBuilder lines = new StringBuilder();
        devices.forEach((device, seen) -> lines
                .append(SEEN).append(",device=").append(tag(device))
                .append(" seen=").append(seen.at().toEpochMilli()).append('i')
                .append(",cause=").append(text(seen.cause()))
                .append(",location=").append(text(seen.location()))
                .append(" 0\n"));
        series.forEach((key, state) -> lines
                .append(STATE).append(",device=").append(tag(key.device())).append(",rule=").append(tag(key.rule()))
                .append(" status=").append(text(state.status().name().toLowerCase(Locale.ROOT)))
                .append(",pending_since=").append(millis(state.pendingSince())).append('i')
                .append(",count=").append(state.count()).append('i')
                .append(",starts_at=").append(millis(state.startsAt())).append('i')
                .append(",ends_at=").append(millis(state.endsAt())).append('i')
                .append(",value=").append(number(state.value()))
                .append(",threshold=").append(number(state.threshold()))
                .append(",announced=").append(millis(state.announced())).append('i')
                .append(",repeated=").append(state.repeated())
                .append(",cause=").append(text(state.cause()))
                .append(",window=").append(text(state.window()))
                .append(" 0\n"));
        return lines.toString();
    }

    /** Last-seen entries from the answer to {@code SELECT * FROM alert_seen GROUP BY *} (epoch=ms). */
    public static Map<String, DeviceSeen> devices(JsonNode answer) {
        Map<String, DeviceSeen> devices = new HashMap<>();
        for (Map<String, JsonNode> row : rows(answer)) {
            devices.put(row.get("device").asText(), new DeviceSeen(
                    Instant.ofEpochMilli(row.get("seen").asLong()),
                    row.get("cause").asText(),
                    row.get("location").asText()));
        }
        return devices;
    }

    /** Series entries from the answer to {@code SELECT * FROM alert_state GROUP BY *} (epoch=ms). */
    public static Map<SeriesKey, SeriesState> series(JsonNode answer) {
        Map<SeriesKey, SeriesState> series = new HashMap<>();
        for (Map<String, JsonNode> row : rows(answer)) {
            Instant startsAt = instant(row.get("starts_at"));
            series.put(new SeriesKey(row.get("rule").asText(), row.get("device").asText()), new SeriesState(
                    Status.valueOf(row.get("status").asText().toUpperCase(Locale.ROOT)),
                    instant(row.get("pending_since")),
                    row.get("count").asInt(),
                    startsAt,
                    instant(row.get("ends_at")),
                    startsAt == null ? null : row.get("value").asDouble(),
                    startsAt == null ? null : row.get("threshold").asDouble(),
                    instant(row.get("announced")),
                    row.get("repeated").asBoolean(),
                    row.get("cause").asText(),
                    row.get("window").asText()));
        }
        return series;
    }

    /** Each point of the answer, of every statement in it, as column (tags included) to value. */
    private static List<Map<String, JsonNode>> rows(JsonNode answer) {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            rows.addAll(InfluxLines.rows(result));
        }
        return rows;
    }

    private static Instant instant(JsonNode millis) {
        return millis == null || millis.isNull() || millis.asLong() == 0 ? null : Instant.ofEpochMilli(millis.asLong());
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static String number(Double value) {
        return value == null || !Double.isFinite(value) ? "0" : Double.toString(value);
    }

    private StateLines() {
    }
}
