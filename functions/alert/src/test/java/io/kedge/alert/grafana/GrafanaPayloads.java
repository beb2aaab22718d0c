package io.kedge.alert.grafana;

import io.kedge.alert.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Grafana webhook bodies (shaped as grafana/alerting's webhook notifier sends them) and settings for the tests. */
public final class GrafanaPayloads {

    public static final String TOKEN = "grafana-token-0123";
    public static final String SECRET = "kedge-secret";
    public static final String SIGNATURE_HEADER = "X-Grafana-Alerting-Signature";
    public static final String TIMESTAMP_HEADER = "X-Grafana-Alerting-Timestamp";

    /** The design notes' example (§4.5): one firing alert. */
    public static final String FIRING = """
            {"receiver":"sensor-service","status":"firing","orgId":1,
             "alerts":[{"status":"firing","labels":{"alertname":"Temperature high","grafana_folder":"Sensors",
               "severity":"warning","sensor_id":"dht22-a","location":"garage"},"annotations":{"summary":"Temperature above 30 °C"},
               "startsAt":"2025-06-01T12:05:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"5b3c0d2e91a4f7c1",
               "generatorURL":"http://grafana:3000/alerting/grafana/temp-high/view","silenceURL":"http://grafana:3000/alerting/silence/new",
               "dashboardURL":"","panelURL":"","values":{"B":31.4,"C":1}}],
             "groupLabels":{"alertname":"Temperature high"},"commonLabels":{"alertname":"Temperature high","severity":"warning"},
             "commonAnnotations":{"summary":"Temperature above 30 °C"},"externalURL":"http://grafana:3000/",
             "version":"1","groupKey":"{}:{alertname=\\"Temperature high\\"}","truncatedAlerts":0,
             "title":"[FIRING:1] Temperature high (warning)","state":"alerting","message":"**Firing** ..."}
            """;

    /** Two alerts of one group: one resolved (with its end), one firing, critical, naming its device by device_id. */
    public static final String MIXED = """
            {"receiver":"sensor-service","status":"firing","orgId":1,"version":"1","state":"alerting",
             "alerts":[
               {"status":"resolved","labels":{"alertname":"Humidity high","device_id":"pi-kitchen","metric":"humidity","threshold":"70"},
                "annotations":{},"startsAt":"2025-06-01T11:00:00+02:00","endsAt":"2025-06-01T09:30:00Z","fingerprint":"aa11",
                "values":{"A":64.5}},
               {"status":"firing","labels":{"alertname":"DatasourceNoData","severity":"critical","device_id":"pi-garage"},
                "annotations":{"threshold":"0"},"startsAt":"2025-06-01T12:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"bb22"}]}
            """;

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static GrafanaSettings bearerAndHmac() {
        return settings(Optional.empty(), Optional.empty(), Optional.of(TOKEN), Optional.of(SECRET), Optional.empty());
    }

    public static GrafanaSettings hmacWithTimestamp() {
        return settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(SECRET), Optional.of(TIMESTAMP_HEADER));
    }

    public static GrafanaSettings basicOnly() {
        return settings(Optional.of("grafana"), Optional.of("s3cret"), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static GrafanaSettings nothingConfigured() {
        return settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static GrafanaSettings settings(Optional<String> user, Optional<String> password, Optional<String> token,
                                    Optional<String> secret, Optional<String> timestampHeader) {
        return new GrafanaSettings(user, password, token, "Bearer", secret, SIGNATURE_HEADER, timestampHeader,
                Duration.ofMinutes(5), List.of("device_id", "deviceId", "device", "sensor_id"), Severity.WARNING);
    }

    private GrafanaPayloads() {
    }
}
