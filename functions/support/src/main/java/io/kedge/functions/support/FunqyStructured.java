package io.kedge.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.codec.CloudEventHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a structured-mode request must look like for Funqy 3.33 to read the very event that
 * {@link EnvelopeCheck} passed. Funqy
 * <ul>
 * <li>takes any request with a {@code ce-id} header for binary mode, so a structured event that
 * also carries {@code ce-*} headers became another event (or a bare 404 without {@code ce-type});
 * the HTTP binding says the body is the event, and the headers are no part of it;</li>
 * <li>recognises structured mode by the media type in lower case only (media types are
 * case-insensitive), and answered a bare 406 otherwise;</li>
 * <li>reads a {@code null} attribute, which the JSON format allows and means absent, as the text
 * "null": {@code "time":null} failed to parse (a 500) and {@code "subject":null} became "null".</li>
 * </ul>
 * Plain Java; {@link EventGate} applies it to the request.
 */
final class FunqyStructured {

    static final String MEDIA_TYPE = CloudEventHttp.STRUCTURED_JSON;
    private static final String HEADER_PREFIX = "ce-";

    /** The {@code ce-*} header names among {@code names}, to be removed. */
    static List<String> eventHeaders(Iterable<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (name.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())) {
                found.add(name);
            }
        }
        return found;
    }

    /** Whether Funqy recognises {@code contentType} as structured mode as it is. */
    static boolean recognised(String contentType) {
        return contentType != null && contentType.startsWith(MEDIA_TYPE);
    }

    /** {@code contentType} with its media type in lower case, parameters kept. */
    static String lowerCaseMediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return semicolon < 0 ? contentType.toLowerCase(Locale.ROOT)
                : contentType.substring(0, semicolon).toLowerCase(Locale.ROOT) + contentType.substring(semicolon);
    }

    /**
     * The event document without its {@code null} attributes, as bytes; {@code null} when it has
     * none (nearly always), so that the request body is left as it came. {@code data} stays even
     * when it is {@code null}: that is the data, not an absent attribute.
     */
    static byte[] withoutNullAttributes(ObjectNode envelope) {
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : envelope.properties()) {
            if (member.getValue().isNull() && !member.getKey().equals("data")) {
                nulls.add(member.getKey());
            }
        }
        if (nulls.isEmpty()) {
            return null;
        }
        ObjectNode cleaned = envelope.deepCopy();
        cleaned.remove(nulls);
        try {
            return JsonData.write(cleaned);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write back an event document that was just read", e);
        }
    }

    private FunqyStructured() {
    }
}
