package io.kedge.alert.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.engine.AlertTimes;
import io.kedge.alert.engine.Announcement;
import io.kedge.alert.engine.Fingerprints;
import io.kedge.alert.rules.Severity;
import io.kedge.contract.EventData;
import io.kedge.contract.data.Alert;
import io.kedge.functions.support.RequestProblem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the body of Grafana's unified-alerting webhook (Alertmanager-style: {@code alerts[]} with
 * {@code status}, {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt},
 * {@code values}, {@code fingerprint}) into one announcement per alert. Unknown members are
 * ignored, as Grafana adds them over versions; what the alerts need is checked, and every
 * problem is reported at once (400).
 *
 * <p>Mapping: rule = label {@code alertname}; severity = label {@code severity} (info, warning,
 * critical; else the configured default); device = the first of the configured device labels
 * present, else {@code grafana}; location and metric = the labels of those names; value = the
 * value of the alphabetically first refId in {@code values} (Grafana's query or reduce step comes
 * before its threshold expression); threshold = a numeric label or annotation {@code threshold};
 * fingerprint = Grafana's. Event ids are {@code grafana/<fingerprint>/<startsAt>/<fired|resolved>},
 * so a notification Grafana repeats is the same event to a subscriber that deduplicates.
 */
public final class GrafanaNotification {

    private static final String ZERO_TIME_PREFIX = "0001-01-01";

    private final GrafanaSettings settings;
    private final Instant now;
    private final List<String> problems = new ArrayList<>();

    private GrafanaNotification(GrafanaSettings settings, Instant now) {
        this.settings = settings;
        this.now = now;
    }

    /**
     * @param now the end of a resolved alert that carries none
     * @throws RequestProblem 400 with every problem found
     */
    public static List<Announcement> read(byte[] body, GrafanaSettings settings, Instant now) {
        return new GrafanaNotification(settings, now).read(body);
    }

    private List<Announcement> read(byte[] body) {
        JsonNode root;
        try {
            root = EventData.mapper().readTree(body);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                    ? parse.getOriginalMessage() : e.getMessage();
            throw malformed(List.of("body is not JSON: " + firstLine(reason)));
        }
        if (root == null || !root.isObject()) {
            throw malformed(List.of("body must be a JSON object (Grafana's webhook notification), got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT))));
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw malformed(List.of("alerts: required, the list of alerts of the notification"));
        }
        List<Announcement> announcements = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Announcement announcement = alert("alerts[" + i + "]", alerts.get(i));
            if (announcement != null) {
                announcements.add(announcement);
            }
        }
        if (!problems.isEmpty()) {
            throw malformed(problems);
        }
        return announcements;
    }

    private Announcement alert(String path, JsonNode alert) {
        if (!alert.isObject()) {
            problems.add(path + ": must be an object");
            return null;
        }
        int before = problems.size();
        String status = alert.path("status").asText("");
        boolean firing = status.equals("firing");
        if (!firing && !status.equals("resolved")) {
            problems.add(path + ".status: must be \"firing\" or \"resolved\", got " + quote(alert.get("status")));
        }
        JsonNode labels = alert.get("labels");
        if (labels == null || !labels.isObject()) {
            problems.add(path + ".labels: required, an object with at least alertname");
            labels = EventData.mapper().createObjectNode();
        }
        String rule = text(labels, "alertname");
        if (rule == null) {
            problems.add(path + ".labels.alertname: required, the rule's title");
        }
        Instant startsAt = time(path + ".startsAt", alert.get("startsAt"), true);
        Instant endsAt = firing ? null : time(path + ".endsAt", alert.get("endsAt"), false);
        if (problems.size() > before) {
            return null;
        }
        if (!firing && endsAt == null) {
            endsAt = now;
        }
        JsonNode annotations = alert.path("annotations");
        String deviceLabel = deviceLabel(labels);
        String device = deviceLabel == null ? "grafana" : text(labels, deviceLabel);
        String location = text(labels, "location");
        String metric = text(labels, "metric");
        String fingerprint = text(alert, "fingerprint");
        checkTag(path + ".labels.alertname", rule);
        if (deviceLabel != null) {
            checkTag(path + ".labels." + deviceLabel, device);
        }
        checkTag(path + ".labels.location", location);
        checkTag(path + ".labels.metric", metric);
        checkAttribute(path + ".fingerprint", fingerprint);
        if (problems.size() > before) {
            return null;
        }
        if (fingerprint == null) {
            fingerprint = Fingerprints.of(rule, device);
        }
        Severity severity = severity(text(labels, "severity"));
        Alert data = new Alert(
                rule,
                severity.label(),
                device,
                location,
                metric,
                value(alert.get("values")),
                number(labels, "threshold") != null ? number(labels, "threshold") : number(annotations, "threshold"),
                startsAt.toString(),
                endsAt == null ? null : endsAt.toString(),
                fingerprint);
        String incident = "grafana/" + fingerprint + "/" + startsAt;
        return firing
                ? new Announcement(Announcement.Kind.FIRED, severity, incident + "/fired", startsAt, data)
                : new Announcement(Announcement.Kind.RESOLVED, severity, incident + "/resolved", endsAt, data);
    }

    /** The first configured device label present, or {@code null}: the device is then {@code grafana}. */
    private String deviceLabel(JsonNode labels) {
        for (String label : settings.deviceLabels()) {
            if (text(labels, label) != null) {
                return label;
            }
        }
        return null;
    }

    /**
     * A value that becomes a CloudEvent attribute (the event's {@code id} carries the fingerprint,
     * its {@code subject} the device): no control character, which no attribute may hold.
     */
    private void checkAttribute(String path, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            problems.add(path + ": " + quoteEscaped(value) + " contains a control character, which no CloudEvent"
                    + " attribute and no InfluxDB tag can carry");
        }
    }

    /**
     * A value that store keeps as an InfluxDB tag of the {@code alerts} measurement (and the device
     * as the event's {@code subject}): no control character, no trailing backslash.
     */
    private void checkTag(String path, String value) {
        int before = problems.size();
        checkAttribute(path, value);
        if (problems.size() == before && value != null && value.endsWith("\\")) {
            problems.add(path + ": " + quoteEscaped(value) + " ends with a backslash, which InfluxDB line protocol"
                    + " cannot delimit in a tag");
        }
    }

    /** The value quoted, its control characters shown as escapes so that the answer stays one clean line. */
    private static String quoteEscaped(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        value.chars().forEach(c -> quoted.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return quoted.append('"').toString();
    }

    private Severity severity(String label) {
        if (label == null) {
            return settings.defaultSeverity();
        }
        Severity severity = Severity.parse(label.toLowerCase(Locale.ROOT));
        return severity == null ? settings.defaultSeverity() : severity;
    }

    /** {@code required}: startsAt; Grafana writes 0001-01-01T00:00:00Z for "not set". */
    private Instant time(String path, JsonNode node, boolean required) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().startsWith(ZERO_TIME_PREFIX))) {
            if (required) {
                problems.add(path + ": required, an RFC 3339 time");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(path + ": must be an RFC 3339 time, got " + quote(node));
            return null;
        }
        Instant time = AlertTimes.parse(node.textValue());
        if (time == null) {
            // also one of the years past 9999 that java.time reads: no RFC 3339 time, no CloudEvent time
            problems.add(path + ": " + quoteEscaped(node.textValue()) + " is not an RFC 3339 time");
        }
        return time;
    }

    private static Double value(JsonNode values) {
        if (values == null || !values.isObject()) {
            return null;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            sorted.put(entry.getKey(), entry.getValue());
        }
        for (JsonNode value : sorted.values()) {
            if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                return value.doubleValue();
            }
        }
        return null;
    }

    private static Double number(JsonNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
        }
        try {
            double value = Double.parseDouble(node.asText().trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A label's text; Grafana's labels are strings, but a number or boolean is taken as its text. */
    private static String text(JsonNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static RequestProblem malformed(List<String> problems) {
        return RequestProblem.badRequest("malformed Grafana notification", problems);
    }

    private static String quote(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return node.isTextual() ? "\"" + node.textValue() + "\"" : node.toString();
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
}
