package io.kedge.fuzz.oracle;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a fuzz request or a reply the way a strict receiver does: the contract's
 * {@link CloudEventHttp}, with the header semantics of the Vert.x servers under test (first value
 * of a name, names without regard to case, bytes read as Latin-1, surrounding blanks trimmed).
 */
public final class Events {

    /** Lenient about NaN/Infinity tokens, as the functions' own JSON reading is; nothing else. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** The event of an outcome: either an event or the reasons there is none. */
    public record Decoded(CloudEvent event, String problem) {

        public boolean valid() {
            return event != null;
        }
    }

    public static Decoded decode(FuzzRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : request.wireHeaders()) {
            headers.putIfAbsent(header.name(), new String(header.value(), StandardCharsets.ISO_8859_1).strip());
        }
        return decode(new HttpMessage(headers, request.body()));
    }

    public static Decoded decode(Answer answer) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        return decode(new HttpMessage(headers, answer.body()));
    }

    private static Decoded decode(HttpMessage message) {
        try {
            return new Decoded(CloudEventHttp.decode(message), null);
        } catch (InvalidEventException e) {
            return new Decoded(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Decoded(null, "the codec failed: " + e);
        }
    }

    /** The event's data as a JSON tree; {@code null} when it has none or it is no JSON. */
    public static JsonNode data(CloudEvent event) {
        if (event == null || event.getData() == null) {
            return null;
        }
        return json(event.getData().toBytes());
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return bytes == null || bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Events() {
    }
}
