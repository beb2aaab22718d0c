package io.kedge.grafana.model;

import java.util.List;

/**
 * A server-side expression of Grafana's alerting ({@code __expr__}); the kinds Kedge uses:
 * {@code reduce} (of {@code expression} by {@code reducer}) and {@code threshold} (of
 * {@code expression} by the first condition's evaluator).
 */
public record ExpressionModel(
        String refId,
        String type,
        String expression,
        String reducer,
        Settings settings,
        List<Condition> conditions) {

    public ExpressionModel {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** {@code mode}: {@code dropNN} drops null and NaN before reducing; {@code replaceNN} replaces them. */
    public record Settings(String mode, Double replaceWithValue) {
    }

    public record Condition(Evaluator evaluator) {
    }

    /** {@code type}: {@code gt}, {@code lt}, {@code within_range}, {@code outside_range}. */
    public record Evaluator(String type, List<Double> params) {

        public Evaluator {
            params = params == null ? List.of() : List.copyOf(params);
        }
    }
}
