package io.kedge.alert.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is remembered of the event that caused an announcement: a hash of its CloudEvent id, so
 * that any id (of any length, with any characters) fits a state field, and a redelivered event
 * is recognised by equal hashes.
 */
public final class Causes {

    public static String of(String eventId) {
        return HexFormat.of().formatHex(sha256(eventId), 0, 16);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private Causes() {
    }
}
