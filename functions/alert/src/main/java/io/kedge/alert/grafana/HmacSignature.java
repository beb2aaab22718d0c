package io.kedge.alert.grafana;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Grafana's webhook signature (grafana/alerting {@code http/hmac.go}): HMAC-SHA256 keyed with the
 * secret, over the raw body, or over {@code timestamp + ":" + body} when a timestamp header is
 * configured; sent as lower-case hex.
 */
public final class HmacSignature {

    /** The signature Grafana sends for {@code body} ({@code timestamp} {@code null}: unsigned time). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Whether {@code givenHex} is the signature of {@code body}. The comparison takes the same time
     * wherever the first difference lies ({@link MessageDigest#isEqual}).
     *
     * @throws IllegalArgumentException when {@code givenHex} is not hex
     */
    public static boolean matches(byte[] secret, String timestamp, byte[] body, String givenHex) {
        byte[] given = HexFormat.of().parseHex(givenHex.trim().toLowerCase(java.util.Locale.ROOT));
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 with a non-empty key is in every JRE", e);
        }
    }

    private HmacSignature() {
    }
}
