package io.kedge.grafana.alerting;

import io.kedge.grafana.model.ContactPoint.HmacConfig;
import io.kedge.grafana.model.ContactPoint.WebhookSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HTTP request Grafana's webhook integration makes for a notification body, from the contact
 * point's settings after environment expansion (grafana/alerting {@code receivers/webhook/v1}
 * and {@code http/hmac.go}):
 * <ul>
 * <li>method {@code httpMethod} (default POST) to {@code url}, {@code Content-Type: application/json};</li>
 * <li>{@code username}/{@code password}: Basic; else {@code authorization_credentials}:
 *     {@code Authorization: <authorization_scheme, default Bearer> <credentials>};</li>
 * <li>{@code hmacConfig.secret} set: HMAC-SHA256 keyed with the secret over the body, or over
 *     {@code <unix seconds>:<body>} when {@code timestampHeader} is set (the seconds then go in
 *     that header), lower-case hex in {@code header} (default {@code X-Grafana-Alert-Signature}).</li>
 * </ul>
 */
public record WebhookRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    /** grafana/alerting's signature header when the contact point names none. */
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Grafana-Alert-Signature";

    /** @param expand Grafana's environment expansion of the settings */
    public static WebhookRequest of(WebhookSettings raw, UnaryOperator<String> expand, byte[] body, Instant now) {
        WebhookSettings settings = expanded(raw, expand);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Grafana");
        if (notEmpty(settings.username()) && notEmpty(settings.password())) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
        } else if (notEmpty(settings.authorizationCredentials())) {
            String scheme = notEmpty(settings.authorizationScheme()) ? settings.authorizationScheme() : "Bearer";
            headers.put("Authorization", scheme + " " + settings.authorizationCredentials());
        }
        HmacConfig hmac = settings.hmacConfig();
        if (hmac != null && notEmpty(hmac.secret())) {
            String timestamp = null;
            if (notEmpty(hmac.timestampHeader())) {
                timestamp = Long.toString(now.getEpochSecond());
                headers.put(hmac.timestampHeader(), timestamp);
            }
            String header = notEmpty(hmac.header()) ? hmac.header() : DEFAULT_SIGNATURE_HEADER;
            headers.put(header, sign(hmac.secret(), timestamp, body));
        }
        String method = notEmpty(settings.httpMethod()) ? settings.httpMethod() : "POST";
        return new WebhookRequest(method, URI.create(settings.url()), headers, body);
    }

    /** The settings as Grafana holds them after provisioning: every string expanded. */
    public static WebhookSettings expanded(WebhookSettings raw, UnaryOperator<String> expand) {
        HmacConfig hmac = raw.hmacConfig() == null ? null : new HmacConfig(expand.apply(raw.hmacConfig().secret()),
                expand.apply(raw.hmacConfig().header()), expand.apply(raw.hmacConfig().timestampHeader()));
        return new WebhookSettings(expand.apply(raw.url()), expand.apply(raw.httpMethod()), expand.apply(raw.maxAlerts()),
                expand.apply(raw.authorizationScheme()), expand.apply(raw.authorizationCredentials()),
                expand.apply(raw.username()), expand.apply(raw.password()), hmac);
    }

    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 with a non-empty key is in every JRE", e);
        }
    }

    /** This request with one header replaced (or removed, {@code value} null): for negative checks. */
    public WebhookRequest withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (value != null) {
            changed.put(name, value);
        }
        return new WebhookRequest(method, url, changed, body);
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
