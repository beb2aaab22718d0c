package io.kedge.aggregate.engine;

/** Device ids the windows can key: an InfluxDB 1.x tag value and a part of the summary's id. */
final class DeviceIds {

    static String check(String deviceId) {
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
