package io.kedge.grafana.influxql;

import io.kedge.grafana.interpolation.InfluxQlMacros;
import io.kedge.grafana.model.AlertQuery;
import io.kedge.grafana.model.InfluxQueryModel;
import java.time.Instant;

/**
 * The InfluxQL an alert rule's query becomes when Grafana evaluates the rule at {@code now}: no
 * dashboard variables; {@code $timeFilter} over [now − relativeTimeRange.from, now −
 * relativeTimeRange.to] (seconds); the interval is the model's {@code intervalMs} (1000 when
 * absent), not a panel's — which is why Kedge's rules do not use {@code $__interval}.
 */
public final class RuleQueries {

    public static String expand(AlertQuery query, Instant now) {
        InfluxQueryModel model = query.influx();
        AlertQuery.RelativeTimeRange range = query.relativeTimeRange();
        Instant from = now.minusSeconds(range.from());
        Instant to = now.minusSeconds(range.to() == null ? 0 : range.to());
        return InfluxQlMacros.expand(model.query(), from, to, model.intervalOrDefault());
    }

    private RuleQueries() {
    }
}
