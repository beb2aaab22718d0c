package io.kedge.grafana.pipeline;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a deployment as grafana/README.md describes it: what Grafana's process
 * gets, and what the alert function gets, with a fresh random token and HMAC secret shared by
 * both. The signature header is deliberately not set on the function: its default must be the
 * contact point's header.
 */
public record Deployment(String token, String hmacSecret) {

    /** What README tells to set on the alert function, beside the shared secrets. */
    public static final String TIMESTAMP_HEADER = "X-Grafana-Alerting-Timestamp";

    public static Deployment random() {
        SecureRandom random = new SecureRandom();
        return new Deployment(hex(random), hex(random));
    }

    /** Grafana's process environment. */
    public Map<String, String> grafanaEnvironment(String influxUrl, String alertUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KEDGE_INFLUX_URL", influxUrl);
        env.put("KEDGE_INFLUX_GRAFANA_USER", "");
        env.put("KEDGE_INFLUX_GRAFANA_PASSWORD", "");
        env.put("KEDGE_ALERT_URL", alertUrl);
        env.put("KEDGE_GRAFANA_TOKEN", token);
        env.put("KEDGE_GRAFANA_HMAC", hmacSecret);
        return env;
    }

    /** The alert function's environment (besides its InfluxDB and sink). */
    public Map<String, String> alertEnvironment() {
        return Map.of(
                "KEDGE_ALERT_GRAFANA_TOKEN", token,
                "KEDGE_ALERT_GRAFANA_HMAC_SECRET", hmacSecret,
                "KEDGE_ALERT_GRAFANA_HMAC_TIMESTAMP_HEADER", TIMESTAMP_HEADER);
    }

    private static String hex(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "test-" + HexFormat.of().formatHex(bytes);
    }
}
