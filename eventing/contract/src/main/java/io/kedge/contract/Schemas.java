package io.kedge.contract;

import java.util.Map;

/** Class-path locations of the JSON Schema that describes each event type's data. */
public final class Schemas {

    private static final Map<String, String> BY_TYPE = Map.of(
            EventTypes.READING, "/schemas/reading.v1.json",
            EventTypes.READING_VALIDATED, "/schemas/reading.validated.v1.json",
            EventTypes.READING_REJECTED, "/schemas/reading.rejected.v1.json",
            EventTypes.ALERT_FIRED, "/schemas/alert.v1.json",
            EventTypes.ALERT_RESOLVED, "/schemas/alert.v1.json",
            EventTypes.SUMMARY, "/schemas/summary.v1.json");

    /** The resource path of {@code type}'s schema. */
    public static String resourceFor(String type) {
        String path = BY_TYPE.get(type);
        if (path == null) {
            throw new IllegalArgumentException("no schema for event type \"" + type + "\"");
        }
        return path;
    }

    private Schemas() {
    }
}
