package io.kedge.grafana.influxql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provisioned InfluxQL query promises about its answer, read from its text: the columns
 * it selects (each must be named, by {@code AS "name"} or by being a bare field or tag) and the
 * tags it groups by. Enough for Kedge's own queries; not a general InfluxQL parser.
 */
public final class InfluxQlText {

    private static final Pattern SELECT = Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s");
    private static final Pattern ALIAS = Pattern.compile("(?is).*\\sAS\\s+\"([^\"]+)\"\\s*");
    private static final Pattern QUOTED = Pattern.compile("\\s*\"([^\"]+)\"\\s*");
    private static final Pattern BARE = Pattern.compile("\\s*(\\w+)\\s*");
    private static final Pattern GROUP_BY = Pattern.compile("(?is)\\sGROUP\\s+BY\\s+(.*?)(?:\\s+fill\\(|\\s+ORDER\\s|\\s+LIMIT\\s|\\s+SLIMIT\\s|\\s+tz\\(|$)");
    private static final Pattern ALIAS_TAG = Pattern.compile("\\$tag_(\\w+)|\\[\\[tag_(\\w+)]]");

    /**
     * The value columns of a SELECT, in order (InfluxDB puts {@code time} before them).
     *
     * @throws IllegalArgumentException when the query is no SELECT or an expression has no name
     */
    public static List<String> selectedColumns(String query) {
        Matcher select = SELECT.matcher(query);
        if (!select.find()) {
            throw new IllegalArgumentException("not a SELECT ... FROM query: " + query);
        }
        List<String> names = new ArrayList<>();
        for (String item : splitTopLevel(select.group(1))) {
            Matcher alias = ALIAS.matcher(item);
            Matcher quoted = QUOTED.matcher(item);
            Matcher bare = BARE.matcher(item);
            if (alias.matches()) {
                names.add(alias.group(1));
            } else if (quoted.matches()) {
                names.add(quoted.group(1));
            } else if (bare.matches()) {
                names.add(bare.group(1));
            } else {
                throw new IllegalArgumentException("select expression \"" + item.strip() + "\" has no name: add AS \"name\""
                        + " so that the column (and Grafana's legend) is predictable");
            }
        }
        return names;
    }

    /** The tag keys of {@code GROUP BY}, without {@code time(...)}; empty without GROUP BY. */
    public static Set<String> groupByTags(String query) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher groupBy = GROUP_BY.matcher(query);
        if (!groupBy.find()) {
            return tags;
        }
        for (String item : splitTopLevel(groupBy.group(1))) {
            String key = item.strip();
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("time(")) {
                continue;
            }
            tags.add(key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key);
        }
        return tags;
    }

    /** Whether the query groups by time buckets. */
    public static boolean groupsByTime(String query) {
        Matcher groupBy = GROUP_BY.matcher(query);
        return groupBy.find() && groupBy.group(1).toLowerCase(java.util.Locale.ROOT).contains("time(");
    }

    /** The tags an alias names ({@code $tag_device}, {@code [[tag_device]]}). */
    public static Set<String> aliasTags(String alias) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher matcher = ALIAS_TAG.matcher(alias == null ? "" : alias);
        while (matcher.find()) {
            tags.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return tags;
    }

    /** Splits at commas outside parentheses, quotes and regex literals. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private InfluxQlText() {
    }
}
