package io.kedge.grafana.interpolation;

import java.time.Instant;

/**
 * The macros Grafana's InfluxDB backend expands in an InfluxQL query just before sending it
 * ({@code pkg/tsdb/influxdb/models/query.go}, {@code Query.Build}), for dashboard panels and
 * alert rules alike. Plain string replacement, in this order:
 * <ol>
 * <li>{@code $timeFilter} → {@code time >= <from>ms and time <= <to>ms}, epoch milliseconds of
 *     the query's time range (the panel's range; for a rule, its {@code relativeTimeRange} back
 *     from the evaluation time);</li>
 * <li>{@code $interval} → the interval's text ({@link Intervals#format});</li>
 * <li>{@code $__interval_ms} → the interval in whole milliseconds;</li>
 * <li>{@code $__interval} → the interval's text.</li>
 * </ol>
 * The interval is the request's (a panel: {@link Intervals#calculate}; a rule: its model's
 * {@code intervalMs}, default 1000), at least 1 ms. The query then goes to
 * {@code GET /query?db=<dbName>&epoch=ms&q=...}, without {@code rp}: the database's default
 * retention policy.
 */
public final class InfluxQlMacros {

    public static String expand(String query, Instant from, Instant to, long intervalMs) {
        long interval = Math.max(intervalMs, 1);
        String text = Intervals.format(interval);
        String timeFilter = "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms";
        return query
                .replace("$timeFilter", timeFilter)
                .replace("$interval", text)
                .replace("$__interval_ms", Long.toString(interval))
                .replace("$__interval", text);
    }

    private InfluxQlMacros() {
    }
}
