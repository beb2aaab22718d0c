package io.kedge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Violation;
import java.util.List;

/** Rejected readings as validate replies them: the original as received and every violation. */
public final class TestRejections {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A DHT11 reading of {@code device} at {@code location} (either may be null) 75 °C hot. */
    public static JsonNode original(String device, String location) {
        ObjectNode original = JSON.createObjectNode();
        if (device != null) {
            original.put("deviceId", device);
        }
        if (location != null) {
            original.put("location", location);
        }
        return original.put("sensor", "dht11").put("temperature", 75).put("humidity", 40)
                .put("time", "2026-11-27T10:15:00Z");
    }

    public static final Violation TOO_HOT = new Violation("out_of_range", "temperature", "75",
            "temperature 75 °C is outside the DHT11's range 0..50 °C");
    public static final Violation NO_ZONE = new Violation("time_without_zone", "time", "2026-11-27T10:15:00",
            "time \"2026-11-27T10:15:00\" has no zone offset");

    /** Too hot, reported by {@code device} at {@code location}. */
    public static RejectedReading tooHot(String device, String location) {
        return new RejectedReading(original(device, location), List.of(TOO_HOT));
    }

    public static RejectedReading of(JsonNode original, Violation... violations) {
        return new RejectedReading(original, List.of(violations));
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private TestRejections() {
    }
}
