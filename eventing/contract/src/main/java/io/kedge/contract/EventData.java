package io.kedge.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;

/** JSON data of Kedge events: records to bytes and back, with one shared mapper. */
public final class EventData {

    // Unknown fields are tolerated so that a newer producer's additions do not break older consumers.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static byte[] toJson(Object data) {
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The event's data as {@code type}.
     *
     * @throws IllegalArgumentException when the event has no data or it does not map to {@code type}
     */
    public static <T> T read(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("event " + event.getId() + " carries no data");
        }
        return read(event.getData().toBytes(), type);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("data is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    private EventData() {
    }
}
