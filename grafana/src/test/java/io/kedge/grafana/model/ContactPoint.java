package io.kedge.grafana.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A provisioned contact point and its receivers (integrations). */
public record ContactPoint(Integer orgId, String name, List<Receiver> receivers) {

    public ContactPoint {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    /** One integration; Kedge uses {@code webhook} only. */
    public record Receiver(String uid, String type, Boolean disableResolveMessage, WebhookSettings settings) {
    }

    /**
     * The webhook settings Grafana's webhook integration reads (grafana/alerting
     * {@code receivers/webhook/v1/config.go}); raw, before environment expansion.
     */
    public record WebhookSettings(
            String url,
            String httpMethod,
            String maxAlerts,
            @JsonProperty("authorization_scheme") String authorizationScheme,
            @JsonProperty("authorization_credentials") String authorizationCredentials,
            String username,
            String password,
            HmacConfig hmacConfig) {
    }

    /**
     * @param header          where the signature goes; Grafana's code defaults to X-Grafana-Alert-Signature
     * @param timestampHeader set: the Unix time in seconds goes there and is signed with the body
     */
    public record HmacConfig(String secret, String header, String timestampHeader) {
    }
}
