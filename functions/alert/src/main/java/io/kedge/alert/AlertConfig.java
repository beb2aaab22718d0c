package io.kedge.alert;

import io.kedge.alert.rules.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the alert function, keys {@code kedge.alert.*}; every key can be set through the
 * environment ({@code kedge.alert.influx.url} as {@code KEDGE_ALERT_INFLUX_URL}). Durations take
 * Quarkus' short form ({@code 5s}, {@code 5m}) or ISO-8601 ({@code PT5S}). Rule thresholds are
 * not here but in the rules file, with their own environment overrides ({@code KEDGE_ALERT_RULE_*}).
 */
@ConfigMapping(prefix = "kedge.alert")
public interface AlertConfig {

    /**
     * Path of the rules file (YAML). Default none: the rules shipped in the function
     * ({@code alert-rules.yaml} on the class path). On a cluster, the ConfigMap's mount path.
     */
    Optional<String> rules();

    /**
     * Where alert events go besides the reply, the broker's ingress. Default {@code K_SINK}, as a
     * Knative SinkBinding sets it; unset, a reading that announces more than one alert fails (503).
     */
    Optional<URI> sink();

    /** Bound of one POST to the sink, connect to answer. Default {@code 5s}. */
    @WithDefault("5s")
    Duration sinkTimeout();

    Influx influx();

    Grafana grafana();

    /** Keys {@code kedge.alert.notify.*}; the Java name avoids {@code Object.notify()}. */
    @WithName("notify")
    Notify notification();

    /** The generic JSON webhook that {@code notify} / {@code notifyResolved} post alert events to. */
    interface Notify {

        /** The webhook. Default none: notifications are off, and the functions answer 204. */
        Optional<URI> url();

        /** Sent as {@code Authorization: Bearer <token>}. Default none: no header. From a Secret. */
        Optional<String> token();

        /** Bound of one POST to the webhook, connect to answer. Default {@code 5s}. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** Where the alert state lives: InfluxDB 1.x. */
    interface Influx {

        /** Base URL. Default {@code http://127.0.0.1:8086}. */
        @WithDefault("http://127.0.0.1:8086")
        URI url();

        /** Database of the state (measurements {@code alert_state}, {@code alert_seen}); created when missing. Default {@code kedge_alert}. */
        @WithDefault("kedge_alert")
        String database();

        /** User for Basic auth. Default none: no authentication. */
        Optional<String> username();

        /** Password. Default none. Supply it from a Secret, never from a committed file. */
        Optional<String> password();

        /** Bound of one request to InfluxDB. Default {@code 5s}. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** The endpoint {@code POST /grafana} for Grafana's webhook contact point. Off unless credentials or a secret are set. */
    interface Grafana {

        /** Basic credentials: user. Default none. */
        Optional<String> username();

        /** Basic credentials: password. Default none. From a Secret. */
        Optional<String> password();

        /** The contact point's {@code authorization_credentials}. Default none. From a Secret. */
        Optional<String> token();

        /** The contact point's {@code authorization_scheme}. Default {@code Bearer}. */
        @WithDefault("Bearer")
        String scheme();

        Hmac hmac();

        /** Labels that name the device, first present wins. Default {@code device_id,deviceId,device,sensor_id}. */
        @WithDefault("device_id,deviceId,device,sensor_id")
        List<String> deviceLabels();

        /** Severity of an alert without a {@code severity} label Kedge knows. Default {@code warning}. */
        @WithDefault("warning")
        String defaultSeverity();

        default Severity severity() {
            Severity severity = Severity.parse(defaultSeverity());
            if (severity == null) {
                throw new IllegalArgumentException("kedge.alert.grafana.default-severity: \"" + defaultSeverity()
                        + "\" is none of info, warning, critical");
            }
            return severity;
        }
    }

    /** The contact point's {@code hmacConfig}. */
    interface Hmac {

        /** The shared secret; set, every notification must be signed. Default none. From a Secret. */
        Optional<String> secret();

        /** Header of the signature. Default {@code X-Grafana-Alerting-Signature} (Grafana's docs; set it explicitly on both sides). */
        @WithDefault("X-Grafana-Alerting-Signature")
        String header();

        /** Header of the signed Unix timestamp; set, it is required and signed with the body. Default none. */
        Optional<String> timestampHeader();

        /** How far the signed timestamp may lie from now. Default {@code 5m}. */
        @WithDefault("5m")
        Duration maxSkew();
    }
}
