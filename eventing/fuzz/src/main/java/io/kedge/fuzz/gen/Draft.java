package io.kedge.fuzz.gen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A request under construction: first a model (CloudEvent attributes, data, content type, method,
 * path), which mutations change; then {@link #toRequest()} writes it in its mode and applies the
 * wire edits (header list and body bytes) that mutations queued for after serialisation.
 */
public final class Draft {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How the event travels. */
    public enum Mode {
        /** Attributes as {@code ce-} headers, data as the body (CloudEvents HTTP binding). */
        BINARY,
        /** The whole event as one JSON document, {@code Content-Type: application/cloudevents+json}. */
        STRUCTURED,
        /** No CloudEvent: a plain JSON request (Grafana's webhook); attributes are ignored. */
        PLAIN
    }

    Mode mode;
    String method = "POST";
    String path;
    /** Attribute values: text as percent-encoded header values or JSON strings; other nodes only in structured mode. */
    final Map<String, JsonNode> attributes = new LinkedHashMap<>();
    /** Binary and plain mode: the Content-Type header; structured: the datacontenttype attribute. */
    String contentType;
    /** Structured mode's own Content-Type. */
    String envelopeType = "application/cloudevents+json";
    JsonNode data;
    /** Data that is no JSON tree (random bytes, invalid UTF-8, truncated JSON): wins over {@link #data}. */
    byte[] rawData;
    final List<Header> extraHeaders = new ArrayList<>();
    final List<UnaryOperator<List<Header>>> headerEdits = new ArrayList<>();
    final List<UnaryOperator<byte[]>> bodyEdits = new ArrayList<>();
    /** Last step before sending, after every body edit (a signature over the final body); null when none. */
    Finisher finisher;
    FuzzRequest.Framing framing = FuzzRequest.Framing.CONTENT_LENGTH;
    boolean closeAfter;

    /** Completes a request from its final body (signs it, for instance). */
    @FunctionalInterface
    public interface Finisher {
        List<Header> headers(byte[] body);
    }

    Draft(Mode mode, String path) {
        this.mode = mode;
        this.path = path;
    }

    /** A CloudEvent draft with the four required attributes. */
    static Draft event(Mode mode, String path, String id, String source, String type) {
        Draft draft = new Draft(mode, path);
        draft.attributes.put("specversion", NODES.textNode("1.0"));
        draft.attributes.put("id", NODES.textNode(id));
        draft.attributes.put("source", NODES.textNode(source));
        draft.attributes.put("type", NODES.textNode(type));
        return draft;
    }

    Draft attribute(String name, String value) {
        attributes.put(name, NODES.textNode(value));
        return this;
    }

    Draft json(Object data) {
        this.contentType = "application/json";
        this.data = JSON.valueToTree(data);
        return this;
    }

    /** The data as an object to edit, or {@code null} when it is none. */
    ObjectNode dataObject() {
        return data instanceof ObjectNode object && rawData == null ? object : null;
    }

    /** Writes the request: mode, then queued header and body edits, then the finisher. */
    public FuzzRequest toRequest() {
        List<Header> headers = new ArrayList<>();
        byte[] body;
        switch (mode) {
            case BINARY -> {
                attributes.forEach((name, value) -> headers.add(new Header("ce-" + name, headerValue(value))));
                if (contentType != null) {
                    headers.add(Header.of("Content-Type", contentType));
                }
                body = dataBytes();
            }
            case STRUCTURED -> {
                headers.add(Header.of("Content-Type", envelopeType));
                body = structuredBody();
            }
            default -> {
                if (contentType != null) {
                    headers.add(Header.of("Content-Type", contentType));
                }
                body = dataBytes();
            }
        }
        headers.addAll(extraHeaders);
        List<Header> edited = headers;
        for (UnaryOperator<List<Header>> edit : headerEdits) {
            edited = edit.apply(new ArrayList<>(edited));
        }
        for (UnaryOperator<byte[]> edit : bodyEdits) {
            body = edit.apply(body);
        }
        if (finisher != null) {
            edited = new ArrayList<>(edited);
            edited.addAll(finisher.headers(body));
        }
        boolean close = closeAfter || edited.stream().anyMatch(Draft::breaksFraming);
        return new FuzzRequest(method, path, edited, body, framing, close);
    }

    private byte[] dataBytes() {
        if (rawData != null) {
            return rawData;
        }
        return data == null ? new byte[0] : write(data);
    }

    private byte[] structuredBody() {
        ObjectNode envelope = NODES.objectNode();
        attributes.forEach(envelope::set);
        if (contentType != null) {
            envelope.put("datacontenttype", contentType);
        }
        if (rawData != null) {
            // Bytes that are no JSON go in as a JSON string of their Latin-1 reading: the closest a document can get.
            envelope.put("data", new String(rawData, StandardCharsets.ISO_8859_1));
        } else if (data != null) {
            envelope.set("data", data);
        }
        return write(envelope);
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A text attribute percent-encoded as the binding says; any other node as its JSON text. */
    private static byte[] headerValue(JsonNode value) {
        String text = value.isTextual() ? percentEncode(value.textValue()) : value.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** CloudEvents HTTP binding: space, '"', '%' and everything outside U+0021..U+007E as %XX of UTF-8. */
    static String percentEncode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '%') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A header with a line break, or a second framing header, can make client and server disagree on where the request ends. */
    private static boolean breaksFraming(Header header) {
        for (byte b : header.value()) {
            if (b == '\r' || b == '\n') {
                return true;
            }
        }
        String name = header.name().trim();
        return name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0;
    }
}
