package io.kedge.grafana.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a rule: a datasource query, or a server-side expression when {@code datasourceUid}
 * is {@code __expr__}. The model's shape depends on which: read it with {@link #influx} or
 * {@link #expression}.
 */
public record AlertQuery(
        String refId,
        String queryType,
        RelativeTimeRange relativeTimeRange,
        String datasourceUid,
        JsonNode model) {

    /** Grafana's datasource uid of server-side expressions. */
    public static final String EXPRESSION_UID = "__expr__";

    public boolean isExpression() {
        return EXPRESSION_UID.equals(datasourceUid);
    }

    public InfluxQueryModel influx() {
        return Yaml.strict(model, InfluxQueryModel.class, "rule query " + refId);
    }

    public ExpressionModel expression() {
        return Yaml.strict(model, ExpressionModel.class, "expression " + refId);
    }

    /** Seconds before now: the query covers [now - from, now - to]. */
    public record RelativeTimeRange(Long from, Long to) {
    }
}
