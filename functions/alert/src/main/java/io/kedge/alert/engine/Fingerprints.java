package io.kedge.alert.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable id of an alert series, rule + device: 16 hex digits of SHA-256, the length of
 * Grafana's fingerprints. The length prefix keeps ("a-b", "c") and ("a", "b-c") apart.
 */
public final class Fingerprints {

    public static String of(String rule, String device) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((rule.length() + ":" + rule + "\n" + device).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private Fingerprints() {
    }
}
