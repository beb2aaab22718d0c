package io.kedge.grafana.alerting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.model.RuleGroup;
import io.kedge.grafana.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON body Grafana's webhook integration sends for a group of alerts (grafana/alerting
 * {@code receivers/webhook/v1}, default payload: Alertmanager's members plus Grafana's
 * {@code orgId}, {@code title}, {@code state}, {@code message}, {@code values} per alert).
 * Labels of an alert: {@code alertname} (the rule's title), {@code grafana_folder}, the rule's
 * labels, the series' labels. Annotations: the rule's, with {@code {{ $labels.name }}} rendered.
 */
public final class Notification {

    /** Grafana's "not ended" time. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern LABEL = Pattern.compile("\\s*\\$labels\\.(\\w+)\\s*");

    /** One alert of the notification. */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, Map<String, Double> values) {

        /**
         * The alert of {@code instance} of {@code rule}.
         *
         * @param expandLabel Grafana's environment expansion, which rule labels go through
         * @param endsAt      null while firing
         */
        public static Alert of(RuleGroup group, AlertRule rule, RuleEvaluation.Instance instance,
                               UnaryOperator<String> expandLabel, Instant startsAt, Instant endsAt) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("alertname", rule.title());
            labels.put("grafana_folder", group.folder());
            rule.labels().forEach((k, v) -> labels.put(k, expandLabel.apply(v)));
            labels.putAll(instance.labels());
            Map<String, String> annotations = new TreeMap<>();
            rule.annotations().forEach((k, v) -> annotations.put(k, render(v, labels)));
            return new Alert(endsAt == null ? "firing" : "resolved", labels, annotations, startsAt, endsAt,
                    instance.values());
        }

        /** Grafana's fingerprint: a hash of the labels, as 16 hex digits. */
        public String fingerprint() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(labels.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @param receiver the contact point's name
     * @param groupBy  the notification policy's {@code group_by}
     */
    public static byte[] body(String receiver, List<String> groupBy, List<Alert> alerts, String externalUrl) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        boolean firing = alerts.stream().anyMatch(a -> a.status().equals("firing"));
        Map<String, String> common = commonOf(alerts.stream().map(Alert::labels).toList());
        Map<String, String> groupLabels = new LinkedHashMap<>();
        groupBy.forEach(label -> {
            if (common.containsKey(label)) {
                groupLabels.put(label, common.get(label));
            }
        });
        ObjectNode root = json.objectNode();
        root.put("receiver", receiver);
        root.put("status", firing ? "firing" : "resolved");
        root.put("orgId", 1);
        ArrayNode list = root.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode node = list.addObject();
            node.put("status", alert.status());
            node.set("labels", Yaml.json().valueToTree(alert.labels()));
            node.set("annotations", Yaml.json().valueToTree(alert.annotations()));
            node.put("startsAt", alert.startsAt().toString());
            node.put("endsAt", alert.endsAt() == null ? ZERO_TIME : alert.endsAt().toString());
            node.put("generatorURL", externalUrl + "alerting/grafana/" + alert.labels().get("alertname") + "/view");
            node.put("fingerprint", alert.fingerprint());
            node.put("silenceURL", externalUrl + "alerting/silence/new");
            node.put("dashboardURL", "");
            node.put("panelURL", "");
            node.set("values", Yaml.json().valueToTree(alert.values()));
            node.put("valueString", alert.values().toString());
        }
        root.set("groupLabels", Yaml.json().valueToTree(groupLabels));
        root.set("commonLabels", Yaml.json().valueToTree(common));
        root.set("commonAnnotations", Yaml.json().valueToTree(commonOf(alerts.stream().map(Alert::annotations).toList())));
        root.put("externalURL", externalUrl);
        root.put("version", "1");
        root.put("groupKey", "{}:" + groupLabels);
        root.put("truncatedAlerts", 0);
        root.put("title", "[" + (firing ? "FIRING" : "RESOLVED") + ":" + alerts.size() + "] " + groupLabels.values());
        root.put("state", firing ? "alerting" : "ok");
        root.put("message", (firing ? "**Firing**" : "**Resolved**") + "\n\n" + alerts.size() + " alert(s)");
        try {
            return Yaml.json().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An annotation with Grafana's template references to labels rendered. Other template
     * constructs are not emulated and fail, so that a rule edited to use them gets noticed here.
     */
    static String render(String template, Map<String, String> labels) {
        Matcher matcher = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Matcher label = LABEL.matcher(matcher.group(1));
            if (!label.matches()) {
                throw new IllegalArgumentException("annotation template {{" + matcher.group(1)
                        + "}} is not emulated; only {{ $labels.<name> }} is");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(label.group(1), "<no value>")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> commonOf(List<Map<String, String>> maps) {
        Map<String, String> common = new TreeMap<>(maps.isEmpty() ? Map.of() : maps.get(0));
        for (Map<String, String> map : maps) {
            common.entrySet().removeIf(e -> !e.getValue().equals(map.get(e.getKey())));
        }
        return common;
    }

    private Notification() {
    }
}
