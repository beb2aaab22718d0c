package io.kedge.alert.grafana;

import io.kedge.contract.codec.HttpMessage;
import io.kedge.functions.support.RequestProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a webhook request comes from the Grafana contact point: its credentials
 * (Basic, or a scheme such as Bearer with a token) when any are configured, and its HMAC
 * signature when a secret is. Refusals are {@link RequestProblem}s: 401 naming what is missing or
 * wrong (never the expected value), 404 when the endpoint is off.
 */
public final class WebhookAuth {

    private final GrafanaSettings settings;
    private final List<byte[]> acceptedCredentials = new ArrayList<>();

    public WebhookAuth(GrafanaSettings settings) {
        this.settings = settings;
        settings.username().ifPresent(user -> acceptedCredentials.add(digest("basic " + Base64.getEncoder().encodeToString(
                (user + ":" + settings.password().orElse("")).getBytes(StandardCharsets.UTF_8)))));
        settings.token().ifPresent(token -> acceptedCredentials.add(
                digest(settings.scheme().toLowerCase(Locale.ROOT) + " " + token)));
    }

    /**
     * Passes quietly, or throws the answer.
     *
     * @param now the time a signed timestamp is compared with
     */
    public void check(HttpMessage request, Instant now) {
        if (!settings.enabled()) {
            throw new RequestProblem(404, "grafana endpoint disabled", List.of("no credentials and no HMAC secret are"
                    + " configured, so notifications are not taken; set kedge.alert.grafana.token"
                    + " (KEDGE_ALERT_GRAFANA_TOKEN), .username and .password, or .hmac.secret"));
        }
        if (!acceptedCredentials.isEmpty()) {
            checkCredentials(request.header("authorization"));
        }
        if (settings.signed()) {
            checkSignature(request, now);
        }
    }

    /** The {@code WWW-Authenticate} challenge of a 401 for missing or wrong credentials. */
    public String challenge() {
        return (settings.basic() ? "Basic" : settings.scheme()) + " realm=\"kedge-alert\"";
    }

    private void checkCredentials(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("no Authorization header; expected " + expectedSchemes() + " credentials");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        // The scheme is case-insensitive (RFC 9110), the credentials are not.
        String given = parts[0].toLowerCase(Locale.ROOT) + " " + (parts.length > 1 ? parts[1] : "");
        byte[] givenDigest = digest(given);
        boolean accepted = false;
        for (byte[] expected : acceptedCredentials) {
            accepted |= MessageDigest.isEqual(expected, givenDigest);
        }
        if (!accepted) {
            throw unauthorized("the " + parts[0] + " credentials in the Authorization header are wrong; expected "
                    + expectedSchemes() + " credentials");
        }
    }

    private void checkSignature(HttpMessage request, Instant now) {
        String header = settings.signatureHeader();
        String signature = request.header(header);
        if (signature == null || signature.isBlank()) {
            throw unauthorized("no signature: header " + header + " is missing (HMAC-SHA256 of the body, hex)");
        }
        String timestamp = null;
        if (settings.timestampHeader().isPresent()) {
            String timestampHeader = settings.timestampHeader().get();
            timestamp = request.header(timestampHeader);
            if (timestamp == null || timestamp.isBlank()) {
                throw unauthorized("no timestamp: header " + timestampHeader + " is missing (Unix seconds, signed with the body)");
            }
            timestamp = timestamp.trim();
            long seconds;
            try {
                seconds = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                throw unauthorized("timestamp \"" + timestamp + "\" in " + timestampHeader + " is not Unix seconds");
            }
            long skew = Math.abs(now.getEpochSecond() - seconds);
            if (skew > settings.maxSkew().toSeconds()) {
                throw unauthorized("timestamp " + timestamp + " in " + timestampHeader + " is " + skew
                        + " s away from now; at most " + settings.maxSkew().toSeconds() + " s is accepted (replay window)");
            }
        }
        boolean matches;
        try {
            matches = HmacSignature.matches(settings.hmacSecret().get().getBytes(StandardCharsets.UTF_8), timestamp,
                    request.body(), signature);
        } catch (IllegalArgumentException e) {
            throw unauthorized("signature in " + header + " is not hex");
        }
        if (!matches) {
            throw unauthorized("signature in " + header + " does not match the body"
                    + (timestamp == null ? "" : " and timestamp") + "; check the contact point's HMAC secret");
        }
    }

    private String expectedSchemes() {
        List<String> schemes = new ArrayList<>();
        if (settings.basic()) {
            schemes.add("Basic");
        }
        if (settings.bearer()) {
            schemes.add(settings.scheme());
        }
        return String.join(" or ", schemes);
    }

    private static RequestProblem unauthorized(String problem) {
        return new RequestProblem(401, "unauthorized", List.of(problem));
    }

    /** Equal-length digests, so that comparing them reveals neither content nor length. */
    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
