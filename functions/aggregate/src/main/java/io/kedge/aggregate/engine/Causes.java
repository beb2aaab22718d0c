package io.kedge.aggregate.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is remembered of the event that closed a window: a hash of its CloudEvent id, so that any
 * id fits a stored field, and a redelivered event is recognised by an equal hash.
 */
public final class Causes {

    public static String of(String eventId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private Causes() {
    }
}
