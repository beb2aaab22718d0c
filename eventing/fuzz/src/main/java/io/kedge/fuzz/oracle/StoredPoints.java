package io.kedge.fuzz.oracle;

import io.kedge.testkit.InfluxServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The points a run may leave in one measurement: one entry per acknowledged input. After the run,
 * what InfluxDB holds is compared with them both ways: every stored point must be one an
 * acknowledged input carried, with its values, and every acknowledged point must be there.
 */
public final class StoredPoints {

    private final String database;
    private final String measurement;
    private final List<String> tagKeys;
    private final Map<String, Set<Map<String, Object>>> expected = new ConcurrentHashMap<>();
    private final Set<Long> attributed = ConcurrentHashMap.newKeySet();

    public StoredPoints(String database, String measurement, List<String> tagKeys) {
        this.database = database;
        this.measurement = measurement;
        this.tagKeys = List.copyOf(tagKeys);
    }

    /** An input carrying {@code point} was acknowledged. */
    public void expect(PointShape point) {
        Map<String, String> tags = new LinkedHashMap<>();
        tagKeys.forEach(tag -> tags.put(tag, point.tags().getOrDefault(tag, "")));
        expected.computeIfAbsent(key(tags, point.millis()), k -> ConcurrentHashMap.newKeySet()).add(point.fields());
    }

    /**
     * A point that an input outside the contract may have left, already reported for that input:
     * not reported again. Matched by time alone: how a lenient binding turns a number token into a
     * tag ({@code 1e99999} as written, not as parsed) is not worth predicting.
     */
    public void attribute(long millis) {
        attributed.add(millis);
    }

    public int expectedPoints() {
        return expected.size();
    }

    public List<Finding> compare(InfluxServer influx) {
        List<Finding> findings = new ArrayList<>();
        List<Map<String, Object>> rows = influx.rows(database, "SELECT * FROM \"" + measurement + "\" GROUP BY *");
        Set<String> stored = new HashSet<>();
        List<String> unexpected = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        List<String> unclean = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (String tag : tagKeys) {
                Object value = row.get(tag);
                String text = value == null ? "" : value.toString();
                tags.put(tag, text);
                if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0 || text.endsWith("\\")) {
                    unclean.add(tag + "=" + io.kedge.fuzz.http.Printable.of(text, 80));
                }
            }
            long millis = ((Number) row.get("time")).longValue();
            String key = key(tags, millis);
            stored.add(key);
            Set<Map<String, Object>> candidates = expected.get(key);
            if (candidates == null) {
                if (!attributed.contains(millis)) {
                    unexpected.add(describe(row));
                }
                continue;
            }
            for (Map.Entry<String, Object> field : row.entrySet()) {
                String name = field.getKey();
                if (name.equals("time") || tagKeys.contains(name) || field.getValue() == null) {
                    continue;
                }
                if (candidates.stream().noneMatch(c -> same(c.get(name), field.getValue())) && !attributed.contains(millis)) {
                    altered.add(name + "=" + field.getValue() + " at " + describe(row) + ", acknowledged: " + candidates);
                }
            }
        }
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(stored);
        missing.removeIf(key -> attributed.contains(Long.parseLong(key.substring(key.lastIndexOf('\u0001') + 1))));
        if (!unexpected.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.STORED_INVALID, "%d points in %s that no acknowledged input carried, e.g. %s",
                    unexpected.size(), measurement, unexpected.stream().limit(3).toList()));
        }
        if (!altered.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.STORED_INVALID, "%d values in %s differ from every acknowledged input, e.g. %s",
                    altered.size(), measurement, altered.stream().limit(3).toList()));
        }
        if (!unclean.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.STORED_INVALID, "%d tag values in %s with a line break, tab or trailing"
                    + " backslash, e.g. %s", unclean.size(), measurement, unclean.stream().limit(3).toList()));
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.LOST, "%d of %d acknowledged points of %s are not in InfluxDB, e.g. %s",
                    missing.size(), expected.size(), measurement,
                    missing.stream().limit(3).map(k -> io.kedge.fuzz.http.Printable.of(k, 200)).toList()));
        }
        return findings;
    }

    private static boolean same(Object expected, Object stored) {
        if (expected instanceof Number e && stored instanceof Number s) {
            return e.doubleValue() == s.doubleValue();
        }
        return expected != null && expected.toString().equals(stored.toString());
    }

    private static String key(Map<String, String> tags, long millis) {
        StringBuilder key = new StringBuilder();
        tags.forEach((name, value) -> key.append(name).append('=').append(value).append('\u0001'));
        return key.append(millis).toString();
    }

    private static String describe(Map<String, Object> row) {
        return io.kedge.fuzz.http.Printable.of(row.toString(), 300);
    }
}
