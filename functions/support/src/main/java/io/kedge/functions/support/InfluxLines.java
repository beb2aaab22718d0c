package io.kedge.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** InfluxDB 1.x line protocol values, and the rows of a query answer, as the functions' stores use them. */
public final class InfluxLines {

    /**
     * A tag value: comma, space and equals sign escaped. InfluxDB 1.x unescapes nothing else, so a
     * backslash stays as it is; device ids ending in one, or with control characters, are refused
     * before they get here ({@link DeviceIds}).
     */
    public static String tag(String value) {
        return value.replace(",", "\\,").replace(" ", "\\ ").replace("=", "\\=");
    }

    /** A string field: quotes and backslashes escaped, control characters (line ends) as spaces. */
    public static String text(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(' ');
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Each point of one statement's result (an element of the answer's {@code results}) as column, tags included, to value. */
    public static List<Map<String, JsonNode>> rows(JsonNode result) {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            JsonNode columns = series.path("columns");
            for (JsonNode values : series.path("values")) {
                Map<String, JsonNode> row = new LinkedHashMap<>();
                series.path("tags").fields().forEachRemaining(tag -> row.put(tag.getKey(), tag.getValue()));
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).asText(), values.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private InfluxLines() {
    }
}
