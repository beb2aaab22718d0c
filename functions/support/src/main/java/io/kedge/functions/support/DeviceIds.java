package io.kedge.functions.support;

/**
 * Device ids a function's state can key: an InfluxDB 1.x tag value, and a part of the ids the
 * function derives from it (an alert's fingerprint, a summary's id).
 */
public final class DeviceIds {

    /**
     * @return {@code deviceId}
     * @throws UnusableReadingException when it is missing, or cannot be a tag value
     */
    public static String check(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new UnusableReadingException("reading names no deviceId");
        }
        if (deviceId.chars().anyMatch(Character::isISOControl)) {
            throw new UnusableReadingException("deviceId \"" + deviceId.replaceAll("\\p{Cntrl}", "?")
                    + "\" contains a control character (line feed, tab, ...)");
        }
        if (deviceId.endsWith("\\")) {
            throw new UnusableReadingException("deviceId \"" + deviceId + "\" ends with a backslash,"
                    + " which InfluxDB line protocol cannot carry in a tag");
        }
        return deviceId;
    }

    private DeviceIds() {
    }
}
