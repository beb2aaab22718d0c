package io.kedge.grafana.influxql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series of an InfluxDB 1.x {@code /query} answer: what Grafana turns into one data frame
 * (one per value column in time-series format).
 */
public record Series(String name, Map<String, String> tags, List<String> columns, List<List<JsonNode>> rows) {

    public Series {
        tags = Map.copyOf(tags);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The series of the first statement's result; empty when it matched nothing. */
    public static List<Series> of(JsonNode answer) {
        List<Series> all = new ArrayList<>();
        JsonNode result = answer.path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("InfluxDB refused the query: " + result.get("error").asText());
        }
        for (JsonNode series : result.path("series")) {
            Map<String, String> tags = new LinkedHashMap<>();
            series.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<JsonNode>> rows = new ArrayList<>();
            for (JsonNode values : series.path("values")) {
                List<JsonNode> row = new ArrayList<>();
                values.forEach(row::add);
                rows.add(row);
            }
            all.add(new Series(series.path("name").asText(), tags, columns, rows));
        }
        return all;
    }

    /** The values of {@code column}, nulls included. */
    public List<JsonNode> column(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.stream().map(r -> r.get(index)).toList();
    }

    /** The numbers of {@code column}, nulls dropped. */
    public List<Double> numbers(String column) {
        return column(column).stream().filter(JsonNode::isNumber).map(JsonNode::doubleValue).toList();
    }

    /** Whether {@code column} holds at least one non-null value. */
    public boolean hasValues(String column) {
        return column(column).stream().anyMatch(v -> v != null && !v.isNull());
    }
}
