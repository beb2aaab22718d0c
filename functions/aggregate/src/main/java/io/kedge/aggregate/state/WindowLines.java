package io.kedge.aggregate.state;

import static io.kedge.functions.support.InfluxLines.rows;
import static io.kedge.functions.support.InfluxLines.tag;
import static io.kedge.functions.support.InfluxLines.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.aggregate.window.Metric;
import io.kedge.aggregate.window.Sample;
import io.kedge.contract.data.Summary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows as InfluxDB line protocol, and back from InfluxDB's query answers.
 *
 * <p>Three measurements, every point at its own real time (nanoseconds), so that a finite
 * retention policy bounds them: {@code aggregate_sample} (one point per accepted value, at its
 * sample time; the same reading again writes the same point), {@code aggregate_summary} (one
 * point per closed window, at its start) and {@code aggregate_tick} (one point per tick that
 * moved the ticks' watermark). Tags {@code device} and {@code metric} keep the series count at
 * devices × metrics.
 */
public final class WindowLines {

    public static final String SAMPLE = "aggregate_sample";
    public static final String SUMMARY = "aggregate_summary";
    public static final String TICK = "aggregate_tick";

    public static String encode(Changes changes) {
        StringBuilder lines = new StringBuilder();
        for (StoredSample stored : changes.samples()) {
            Sample sample = stored.sample();
            lines.append(SAMPLE).append(series(stored.key().device(), stored.key().metric()))
                    .append(" value=").append(sample.value())
                    .append(",location=").append(text(sample.location() == null ? "" : sample.location()))
                    .append(' ').append(nanos(sample.time())).append('\n');
        }
        for (StoredSummary stored : changes.summaries()) {
            Summary s = stored.summary();
            lines.append(SUMMARY).append(series(s.deviceId(), Metric.parse(s.metric())))
                    .append(" window=").append(text(s.window()))
                    .append(",window_end=").append(nanos(Instant.parse(s.windowEnd()))).append('i')
                    .append(",count=").append(s.count()).append('i')
                    .append(",min=").append(s.min())
                    .append(",max=").append(s.max())
                    .append(",mean=").append(s.mean())
                    .append(",last=").append(s.last())
                    .append(",last_time=").append(nanos(Instant.parse(s.lastTime()))).append('i')
                    .append(",location=").append(text(s.location() == null ? "" : s.location()))
                    .append(",cause=").append(text(stored.cause()))
                    .append(",closed_at=").append(nanos(stored.closedAt())).append('i')
                    .append(' ').append(nanos(Instant.parse(s.windowStart()))).append('\n');
        }
        if (changes.tick() != null) {
            lines.append(TICK).append(" cause=").append(text(changes.tick().cause()))
                    .append(' ').append(nanos(changes.tick().time())).append('\n');
        }
        return lines.toString();
    }

    /** Samples from {@code SELECT * FROM aggregate_sample ... GROUP BY device, metric} (epoch=ns). */
    static List<StoredSample> samples(JsonNode result) {
        List<StoredSample> samples = new ArrayList<>();
        for (Map<String, JsonNode> row : rows(result)) {
            SeriesKey key = key(row);
            if (key != null) {
                samples.add(new StoredSample(key, new Sample(instant(row.get("time")), row.get("value").asDouble(),
                        emptyToNull(row.get("location")))));
            }
        }
        return samples;
    }

    /** Summaries from {@code SELECT * FROM aggregate_summary ... GROUP BY device, metric} (epoch=ns). */
    static List<StoredSummary> summaries(JsonNode result) {
        List<StoredSummary> summaries = new ArrayList<>();
        for (Map<String, JsonNode> row : rows(result)) {
            SeriesKey key = key(row);
            if (key == null) {
                continue;
            }
            Summary summary = new Summary(
                    key.device(),
                    emptyToNull(row.get("location")),
                    key.metric().label(),
                    row.get("window").asText(),
                    instant(row.get("time")).toString(),
                    instant(row.get("window_end")).toString(),
                    row.get("count").asInt(),
                    row.get("min").asDouble(),
                    row.get("max").asDouble(),
                    row.get("mean").asDouble(),
                    row.get("last").asDouble(),
                    instant(row.get("last_time")).toString());
            summaries.add(new StoredSummary(summary, row.get("cause").asText(), instant(row.get("closed_at"))));
        }
        return summaries;
    }

    /** Per series, the time of its one row: for {@code SELECT last(...) ... GROUP BY device, metric}. */
    static Map<SeriesKey, Instant> times(JsonNode result, String column) {
        Map<SeriesKey, Instant> times = new LinkedHashMap<>();
        for (Map<String, JsonNode> row : rows(result)) {
            SeriesKey key = key(row);
            if (key != null) {
                times.put(key, instant(row.get(column)));
            }
        }
        return times;
    }

    /** The time of the first row, or {@code null}: for {@code ... ORDER BY time DESC LIMIT 1}. */
    static Instant firstTime(JsonNode result) {
        List<Map<String, JsonNode>> rows = rows(result);
        return rows.isEmpty() ? null : instant(rows.get(0).get("time"));
    }

    /** Rows of a metric this version does not know (written by a newer one) are skipped. */
    private static SeriesKey key(Map<String, JsonNode> row) {
        JsonNode device = row.get("device");
        Metric metric = row.get("metric") == null ? null : Metric.parse(row.get("metric").asText());
        return device == null || metric == null ? null : new SeriesKey(device.asText(), metric);
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static Instant instant(JsonNode nanos) {
        return Instant.ofEpochSecond(0, nanos.asLong());
    }

    private static String emptyToNull(JsonNode text) {
        return text == null || text.isNull() || text.asText().isEmpty() ? null : text.asText();
    }

    private static String series(String device, Metric metric) {
        return ",device=" + tag(device) + ",metric=" + metric.label();
    }

    private WindowLines() {
    }
}
