package io.kedge.grafana.model;

/**
 * {@code jsonData} of an InfluxDB datasource (Grafana's InfluxDB datasource docs, "Provision the
 * data source"): the keys Kedge may use.
 *
 * @param version      {@code InfluxQL}, {@code Flux} or {@code SQL}
 * @param timeInterval lower bound of {@code $__interval} ("Min time interval")
 */
public record InfluxJsonData(
        String version,
        String dbName,
        String httpMode,
        String timeInterval,
        Integer maxSeries,
        String httpHeaderName1) {
}
