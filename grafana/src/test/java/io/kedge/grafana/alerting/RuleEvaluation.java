package io.kedge.grafana.alerting;

import io.kedge.grafana.influxql.Series;
import io.kedge.grafana.model.AlertQuery;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.model.ExpressionModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation of a rule on query results, for the expressions Kedge's rules use: an InfluxQL
 * query (each series is one dimension, labelled with its tags), {@code reduce} of it to one
 * number per dimension, {@code threshold} of that to 1 (firing) or 0. An empty condition is
 * Grafana's NoData state, which the rule's {@code noDataState} then maps. The pending period
 * ({@code for}) is not modelled: this is one evaluation.
 */
public final class RuleEvaluation {

    /**
     * One alert instance.
     *
     * @param labels the series' tags (empty values dropped, as Grafana drops empty labels)
     * @param values the value of each expression for this instance, by refId (what the webhook's
     *               {@code values} carries)
     */
    public record Instance(Map<String, String> labels, Map<String, Double> values, boolean firing) {
    }

    /** @param noData the condition had no dimension at all */
    public record Outcome(boolean noData, List<Instance> instances) {

        public List<Instance> firing() {
            return instances.stream().filter(Instance::firing).toList();
        }
    }

    /** @param results the series each datasource query returned, by refId */
    public static Outcome evaluate(AlertRule rule, Map<String, List<Series>> results) {
        Map<String, Map<Map<String, String>, Double>> numbers = new LinkedHashMap<>();
        Map<String, Map<Map<String, String>, List<Double>>> frames = new LinkedHashMap<>();
        for (AlertQuery query : rule.data()) {
            if (!query.isExpression()) {
                frames.put(query.refId(), frames(query.refId(), results.getOrDefault(query.refId(), List.of())));
                continue;
            }
            ExpressionModel expression = query.expression();
            switch (expression.type()) {
                case "reduce" -> numbers.put(query.refId(), reduce(expression, frames.get(expression.expression())));
                case "threshold" -> numbers.put(query.refId(), threshold(expression, numbers.get(expression.expression())));
                default -> throw new IllegalArgumentException("expression type " + expression.type() + " of " + rule.title()
                        + " is not emulated; use reduce and threshold, or extend RuleEvaluation");
            }
        }
        Map<Map<String, String>, Double> condition = numbers.get(rule.condition());
        if (condition == null) {
            throw new IllegalArgumentException("condition " + rule.condition() + " of " + rule.title() + " is no expression result");
        }
        List<Instance> instances = new ArrayList<>();
        condition.forEach((labels, value) -> {
            Map<String, Double> values = new TreeMap<>();
            numbers.forEach((refId, byLabels) -> {
                Double v = byLabels.get(labels);
                if (v != null) {
                    values.put(refId, v);
                }
            });
            instances.add(new Instance(labels, values, value != 0 && !value.isNaN()));
        });
        return new Outcome(condition.isEmpty(), instances);
    }

    private static Map<Map<String, String>, List<Double>> frames(String refId, List<Series> series) {
        Map<Map<String, String>, List<Double>> frames = new LinkedHashMap<>();
        for (Series s : series) {
            List<String> valueColumns = s.columns().subList(1, s.columns().size());
            if (valueColumns.size() != 1) {
                throw new IllegalArgumentException("query " + refId + " returns columns " + valueColumns
                        + "; an alert query must return one value column, so each series is one dimension");
            }
            Map<String, String> labels = new TreeMap<>();
            s.tags().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    labels.put(k, v);
                }
            });
            List<Double> values = new ArrayList<>();
            s.column(valueColumns.get(0)).forEach(v -> values.add(v == null || v.isNull() ? null : v.doubleValue()));
            frames.put(labels, values);
        }
        return frames;
    }

    private static Map<Map<String, String>, Double> reduce(ExpressionModel reduce, Map<Map<String, String>, List<Double>> input) {
        if (input == null) {
            throw new IllegalArgumentException("reduce " + reduce.refId() + " reads " + reduce.expression() + ", no query result");
        }
        String mode = reduce.settings() == null ? "strict" : reduce.settings().mode();
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        input.forEach((labels, raw) -> {
            List<Double> values = new ArrayList<>();
            for (Double v : raw) {
                boolean missing = v == null || v.isNaN();
                if (!missing) {
                    values.add(v);
                } else if ("replaceNN".equals(mode)) {
                    values.add(reduce.settings().replaceWithValue());
                } else if (!"dropNN".equals(mode)) {
                    values.add(Double.NaN);
                }
            }
            out.put(labels, reduce(reduce.reducer(), values));
        });
        return out;
    }

    private static double reduce(String reducer, List<Double> values) {
        if (values.isEmpty()) {
            return "count".equals(reducer) ? 0 : Double.NaN;
        }
        return switch (reducer) {
            case "last" -> values.get(values.size() - 1);
            case "mean" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "count" -> values.size();
            default -> throw new IllegalArgumentException("reducer " + reducer + " is not emulated");
        };
    }

    private static Map<Map<String, String>, Double> threshold(ExpressionModel threshold, Map<Map<String, String>, Double> input) {
        if (input == null) {
            throw new IllegalArgumentException("threshold " + threshold.refId() + " reads " + threshold.expression()
                    + ", which is no reduce result");
        }
        ExpressionModel.Evaluator evaluator = threshold.conditions().get(0).evaluator();
        List<Double> p = evaluator.params();
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        input.forEach((labels, v) -> {
            boolean hit = switch (evaluator.type()) {
                case "gt" -> v > p.get(0);
                case "lt" -> v < p.get(0);
                case "within_range" -> v > p.get(0) && v < p.get(1);
                case "outside_range" -> v < p.get(0) || v > p.get(1);
                default -> throw new IllegalArgumentException("evaluator " + evaluator.type() + " is not emulated");
            };
            out.put(labels, hit ? 1.0 : 0.0);
        });
        return out;
    }

    private RuleEvaluation() {
    }
}
