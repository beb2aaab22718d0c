package io.kedge.contract;

import java.net.URI;

/** CloudEvent {@code source} values: events about a device name the device. */
public final class Sources {

    private static final String DEVICE_PREFIX = "/devices/";

    /** {@code /devices/{deviceId}}, with the id percent-encoded where a URI needs it. */
    public static URI device(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId must not be blank, got " + quote(deviceId));
        }
        return URI.create(DEVICE_PREFIX + UriText.encodeSegment(deviceId));
    }

    /** The device id of a {@code /devices/{id}} source, or {@code null} for any other source. */
    public static String deviceOf(URI source) {
        String path = source == null ? null : source.getRawPath();
        if (path == null || !path.startsWith(DEVICE_PREFIX) || path.length() == DEVICE_PREFIX.length()) {
            return null;
        }
        return UriText.decode(path.substring(DEVICE_PREFIX.length()));
    }

    static String quote(String value) {
        return value == null ? "null" : '"' + value + '"';
    }

    private Sources() {
    }
}
