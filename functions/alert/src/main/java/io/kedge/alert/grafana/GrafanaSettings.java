package io.kedge.alert.grafana;

import io.kedge.alert.rules.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the Grafana webhook endpoint checks and maps notifications; see {@code AlertConfig.Grafana}
 * for each option's key and default.
 *
 * @param username        Basic credentials: user (with {@code password})
 * @param token           credentials of {@code Authorization: <scheme> <token>}
 * @param scheme          that scheme, {@code Bearer} unless Grafana's contact point says otherwise
 * @param hmacSecret      the contact point's {@code hmacConfig.secret}
 * @param signatureHeader the contact point's {@code hmacConfig.header}
 * @param timestampHeader the contact point's {@code hmacConfig.timestampHeader}, when set there
 * @param maxSkew         how far a signed timestamp may lie from now (replay window)
 * @param deviceLabels    labels naming the device, first present wins
 */
public record GrafanaSettings(
        Optional<String> username,
        Optional<String> password,
        Optional<String> token,
        String scheme,
        Optional<String> hmacSecret,
        String signatureHeader,
        Optional<String> timestampHeader,
        Duration maxSkew,
        List<String> deviceLabels,
        Severity defaultSeverity) {

    public GrafanaSettings {
        deviceLabels = List.copyOf(deviceLabels);
    }

    boolean basic() {
        return username.isPresent();
    }

    boolean bearer() {
        return token.isPresent();
    }

    boolean signed() {
        return hmacSecret.isPresent();
    }

    /** Without any credentials or secret, the endpoint would take anyone's notifications: it is off. */
    public boolean enabled() {
        return basic() || bearer() || signed();
    }

    @Override
    public String toString() {
        return "credentials " + (basic() ? "Basic" : "") + (basic() && bearer() ? " or " : "") + (bearer() ? scheme : "")
                + (basic() || bearer() ? "" : "none") + ", HMAC " + (signed()
                ? "in " + signatureHeader + timestampHeader.map(t -> " with timestamp in " + t).orElse("") : "off");
    }
}
