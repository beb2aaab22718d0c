package io.kedge.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic CloudEvent ids for readings: a name-based UUID (RFC 4122 version 5) of device,
 * sensor and sample time. A retried or replayed reading is therefore the same event, and the
 * same InfluxDB point.
 */
public final class ReadingIds {

    /** Namespace of Kedge reading ids (a random UUID fixed once; changing it changes every id). */
    static final UUID NAMESPACE = UUID.fromString("6d1f1c1e-6b8a-4c55-9b0e-2f6f3c5a8e41");

    /** The id of the reading that {@code deviceId}'s {@code sensor} sampled at {@code sampleTime}. */
    public static String of(String deviceId, String sensor, Instant sampleTime) {
        if (deviceId == null || sensor == null || sampleTime == null) {
            throw new IllegalArgumentException("deviceId, sensor and sampleTime are required, got "
                    + deviceId + ", " + sensor + ", " + sampleTime);
        }
        // '\n' cannot occur in an Instant and separates device from sensor unambiguously enough
        // for ids; the length prefix makes ("a\nb","c") and ("a","b\nc") differ as well.
        String name = deviceId.length() + ":" + deviceId + "\n" + sensor + "\n" + sampleTime;
        return nameUuid(NAMESPACE, name).toString();
    }

    static UUID nameUuid(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private ReadingIds() {
    }
}
