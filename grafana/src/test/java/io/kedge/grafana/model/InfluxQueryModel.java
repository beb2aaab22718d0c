package io.kedge.grafana.model;

/**
 * The model of an InfluxQL query, in an alert rule (and the shape of a dashboard target), as
 * Grafana's InfluxDB backend parses it ({@code pkg/tsdb/influxdb/models/model_parser.go}).
 *
 * @param rawQuery   the {@code query} text is used only when true
 * @param intervalMs the interval Grafana's alerting gives the query ({@code $__interval}); 1000 when absent
 */
public record InfluxQueryModel(
        String refId,
        Boolean rawQuery,
        String resultFormat,
        Long intervalMs,
        Long maxDataPoints,
        String query) {

    /** ngalert's default when a rule's model names no interval. */
    public static final long DEFAULT_INTERVAL_MS = 1000;

    public long intervalOrDefault() {
        return intervalMs == null ? DEFAULT_INTERVAL_MS : intervalMs;
    }
}
