package io.kedge.alert.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Turns the keys of one rule (base, environment and overrides already merged) into a typed
 * {@link Rule}, adding a message to {@code problems} for every key that is wrong. Returns
 * {@code null} when there were problems or the rule is disabled.
 */
final class RuleBuilder {

    private final String where;
    private final ObjectNode fields;
    private final List<String> problems;
    private final int problemsBefore;

    private RuleBuilder(String where, ObjectNode fields, List<String> problems) {
        this.where = where;
        this.fields = fields;
        this.problems = problems;
        this.problemsBefore = problems.size();
    }

    /**
     * @param where prefix of every problem, e.g. {@code rules[0] (temperature-high)}
     * @param kind  already checked by the caller
     */
    static Rule build(String where, RuleKind kind, ObjectNode fields, List<String> problems) {
        return new RuleBuilder(where, fields, problems).build(kind);
    }

    private Rule build(RuleKind kind) {
        String name = fields.path("name").asText();
        Severity severity = severity();
        Duration repeat = duration("repeat-interval", Duration.ZERO, true);
        boolean enabled = bool("enabled", true);
        Rule rule = switch (kind) {
            case THRESHOLD -> threshold(name, severity, repeat);
            case RATE_OF_CHANGE -> rateOfChange(name, severity, repeat);
            case NO_DATA -> noData(name, severity, repeat);
        };
        return problems.size() > problemsBefore || !enabled ? null : rule;
    }

    private Rule threshold(String name, Severity severity, Duration repeat) {
        Metric metric = metric();
        boolean hasAbove = fields.has("above");
        boolean hasBelow = fields.has("below");
        if (hasAbove == hasBelow) {
            problem(hasAbove ? "above and below: set only one; a rule watches one side (write two rules for both)"
                    : "above or below: one is required, the level the value must cross to fire");
            return null;
        }
        ThresholdRule.Direction direction = hasAbove ? ThresholdRule.Direction.ABOVE : ThresholdRule.Direction.BELOW;
        String levelKey = hasAbove ? "above" : "below";
        Double level = number(levelKey);
        Double clear = fields.has("clear") ? number("clear") : level;
        Duration holdFor = duration("for", Duration.ZERO, true);
        int consecutive = integer("consecutive", 1, 1, Integer.MAX_VALUE);
        if (level != null && clear != null) {
            if (direction == ThresholdRule.Direction.ABOVE && clear > level) {
                problem("clear: " + format(clear) + " must be at most above (" + format(level)
                        + "): the incident resolves at or below it");
            } else if (direction == ThresholdRule.Direction.BELOW && clear < level) {
                problem("clear: " + format(clear) + " must be at least below (" + format(level)
                        + "): the incident resolves at or above it");
            }
        }
        if (metric == null || level == null || clear == null || holdFor == null) {
            return null;
        }
        return new ThresholdRule(name, severity, metric, direction, level, clear, holdFor, consecutive, repeat);
    }

    private Rule rateOfChange(String name, Severity severity, Duration repeat) {
        Metric metric = metric();
        Double delta = number("delta");
        Double clearDelta = fields.has("clear-delta") ? number("clear-delta") : delta;
        Duration window = duration("window", null, false);
        int slices = integer("slices", 10, 1, 100);
        RateOfChangeRule.Trend trend = RateOfChangeRule.Trend.ANY;
        if (fields.has("direction")) {
            String text = fields.get("direction").asText();
            trend = switch (text) {
                case "rising" -> RateOfChangeRule.Trend.RISING;
                case "falling" -> RateOfChangeRule.Trend.FALLING;
                case "any" -> RateOfChangeRule.Trend.ANY;
                default -> {
                    problem("direction: \"" + text + "\" is none of rising, falling, any");
                    yield null;
                }
            };
        }
        if (delta != null && delta <= 0) {
            problem("delta: " + format(delta) + " must be greater than 0");
        } else if (delta != null && clearDelta != null && (clearDelta < 0 || clearDelta > delta)) {
            problem("clear-delta: " + format(clearDelta) + " must lie between 0 and delta (" + format(delta) + ")");
        }
        if (metric == null || delta == null || clearDelta == null || window == null || trend == null) {
            return null;
        }
        return new RateOfChangeRule(name, severity, metric, delta, clearDelta, window, trend, slices, repeat);
    }

    private Rule noData(String name, Severity severity, Duration repeat) {
        if (fields.has("metric")) {
            problem("metric: a no-data rule watches the device, not one metric; remove it");
        }
        Duration after = duration("after", null, false);
        return after == null ? null : new NoDataRule(name, severity, after, repeat);
    }

    private Metric metric() {
        if (!fields.has("metric")) {
            problem("metric: required, one of temperature, humidity, pressure");
            return null;
        }
        String text = fields.get("metric").asText();
        Metric metric = Metric.parse(text);
        if (metric == null) {
            problem("metric: \"" + text + "\" is none of temperature, humidity, pressure");
        }
        return metric;
    }

    private Severity severity() {
        if (!fields.has("severity")) {
            return Severity.WARNING;
        }
        String text = fields.get("severity").asText();
        Severity severity = Severity.parse(text);
        if (severity == null) {
            problem("severity: \"" + text + "\" is none of info, warning, critical");
            return Severity.WARNING;
        }
        return severity;
    }

    private Double number(String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            problem(key + ": required, a number");
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            problem(key + ": must be a number, got " + quote(node));
            return null;
        }
        return node.doubleValue();
    }

    private int integer(String key, int fallback, int min, int max) {
        JsonNode node = fields.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.longValue() < min || node.longValue() > max) {
            problem(key + ": must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                    + ", got " + quote(node));
            return fallback;
        }
        return node.intValue();
    }

    private boolean bool(String key, boolean fallback) {
        JsonNode node = fields.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem(key + ": must be true or false, got " + quote(node));
            return fallback;
        }
        return node.booleanValue();
    }

    /** {@code zeroAllowed}: a zero duration means "at once" / "never" rather than a mistake. */
    private Duration duration(String key, Duration fallback, boolean zeroAllowed) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                problem(key + ": required, a duration such as 30s, 10m or 2h");
            }
            return fallback;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            problem(key + ": must be a duration such as 30s, 10m or 2h, got " + quote(node));
            return null;
        }
        Duration duration;
        try {
            duration = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problem(key + ": " + e.getMessage());
            return null;
        }
        if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
            problem(key + ": " + quote(node) + " must be " + (zeroAllowed ? "zero or more" : "greater than zero"));
            return null;
        }
        return duration;
    }

    private void problem(String message) {
        problems.add(where + ": " + message);
    }

    static String quote(JsonNode node) {
        return node.isTextual() ? "\"" + node.textValue() + "\"" : node.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
