package io.kedge.contract.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.kedge.contract.Rfc3339;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudEvents over HTTP, both content modes, strictly: whatever {@link #decode} returns is a
 * valid CloudEvents 1.0 event, and whatever it refuses comes with every reason.
 */
public final class CloudEventHttp {

    public static final String STRUCTURED_JSON = "application/cloudevents+json";
    public static final String BATCH_JSON = "application/cloudevents-batch+json";
    private static final String HEADER_PREFIX = "ce-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    /**
     * Reads the event carried by {@code message}: structured when its Content-Type is a
     * CloudEvents media type, binary otherwise.
     *
     * @throws InvalidEventException naming every problem found
     */
    public static CloudEvent decode(HttpMessage message) {
        String contentType = message.contentType();
        String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/cloudevents-batch")) {
            throw new InvalidEventException("batched mode (" + contentType + ") is not supported; send one event per request");
        }
        if (lower.startsWith("application/cloudevents")) {
            if (!lower.startsWith(STRUCTURED_JSON)) {
                throw new InvalidEventException("unsupported event format " + AttributeRules.quote(contentType)
                        + "; only " + STRUCTURED_JSON + " is understood");
            }
            return decodeStructured(message.body());
        }
        return decodeBinary(message);
    }

    /** Whether the message looks like a CloudEvent at all (a reply may be an empty body). */
    public static boolean carriesEvent(HttpMessage message) {
        String contentType = message.contentType();
        return message.header("ce-specversion") != null
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents"));
    }

    /** Binary mode: attributes as percent-encoded {@code ce-} headers, the data as the body. */
    public static HttpMessage binary(CloudEvent event) {
        return binary(event, Map.of());
    }

    /**
     * Binary mode with {@code extraHeaders} (e.g. {@code Prefer: reply}) among the event's: one
     * header map per message, where adding them afterwards would copy it twice.
     */
    public static HttpMessage binary(CloudEvent event, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("ce-specversion", event.getSpecVersion().toString());
        headers.put("ce-id", HeaderText.encode(event.getId()));
        headers.put("ce-source", HeaderText.encode(event.getSource().toString()));
        headers.put("ce-type", HeaderText.encode(event.getType()));
        if (event.getSubject() != null) {
            headers.put("ce-subject", HeaderText.encode(event.getSubject()));
        }
        if (event.getTime() != null) {
            headers.put("ce-time", Rfc3339.format(event.getTime()));
        }
        if (event.getDataSchema() != null) {
            headers.put("ce-dataschema", HeaderText.encode(event.getDataSchema().toString()));
        }
        for (String name : event.getExtensionNames()) {
            headers.put(HEADER_PREFIX + name, HeaderText.encode(extensionText(event.getExtension(name))));
        }
        byte[] body = event.getData() == null ? new byte[0] : event.getData().toBytes();
        String contentType = event.getDataContentType();
        if (contentType == null && event.getData() != null) {
            contentType = "application/json"; // implied by the JSON format when absent
        }
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new HttpMessage(headers, body);
    }

    /** Structured mode: the whole event as one {@code application/cloudevents+json} document. */
    public static HttpMessage structured(CloudEvent event) {
        return new HttpMessage(Map.of("content-type", STRUCTURED_JSON + "; charset=UTF-8"), FORMAT.serialize(event));
    }

    static CloudEvent decodeStructured(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidEventException("body is not JSON: " + firstLine(e.getMessage()));
        }
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidEventException("a structured event must be a JSON object, got "
                    + (root == null ? "an empty body" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        JsonNode data = null;
        JsonNode dataBase64 = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "data" -> data = value;
                case "data_base64" -> dataBase64 = value;
                default -> {
                    if (!value.isNull()) {
                        attributes.put(field.getKey(), jsonValue(value));
                    }
                }
            }
        }
        List<String> problems = new java.util.ArrayList<>(AttributeRules.check(attributes));
        byte[] bytes = null;
        if (data != null && dataBase64 != null) {
            problems.add("'data' and 'data_base64' are mutually exclusive");
        } else if (dataBase64 != null && !dataBase64.isNull()) {
            if (!dataBase64.isTextual()) {
                problems.add("'data_base64' must be a base64 string");
            } else {
                try {
                    bytes = Base64.getDecoder().decode(dataBase64.textValue());
                } catch (IllegalArgumentException e) {
                    problems.add("'data_base64' is not valid base64: " + e.getMessage());
                }
            }
        } else if (data != null) {
            bytes = dataBytes(data, (String) (attributes.get("datacontenttype") instanceof String s ? s : null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return build(attributes, bytes);
    }

    static CloudEvent decodeBinary(HttpMessage message) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        message.headers().forEach((name, raw) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(HEADER_PREFIX)) {
                return;
            }
            String attribute = lower.substring(HEADER_PREFIX.length());
            if (attribute.equals("datacontenttype")) {
                problems.add("header 'ce-datacontenttype' must not be sent in binary mode; use Content-Type");
                return;
            }
            try {
                attributes.put(attribute, HeaderText.decode(raw));
            } catch (IllegalArgumentException e) {
                problems.add("header '" + name + "': " + e.getMessage());
            }
        });
        byte[] body = message.body();
        if (message.contentType() != null) {
            attributes.put("datacontenttype", message.contentType());
        }
        if (attributes.isEmpty() || !attributes.containsKey("specversion")) {
            problems.add(0, "no 'ce-specversion' header and no application/cloudevents+json Content-Type:"
                    + " this request carries no CloudEvent");
        }
        problems.addAll(AttributeRules.check(attributes).stream()
                .filter(p -> !p.contains("'specversion'") || attributes.containsKey("specversion"))
                .toList());
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return build(attributes, body.length == 0 ? null : body);
    }

    private static CloudEvent build(Map<String, Object> attributes, byte[] data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId((String) attributes.get("id"))
                .withSource(URI.create((String) attributes.get("source")))
                .withType((String) attributes.get("type"));
        attributes.forEach((name, value) -> {
            switch (name) {
                case "specversion", "id", "source", "type" -> {
                }
                case "datacontenttype" -> builder.withDataContentType((String) value);
                case "dataschema" -> builder.withDataSchema(URI.create((String) value));
                case "subject" -> builder.withSubject((String) value);
                case "time" -> builder.withTime(AttributeRules.parseTime((String) value));
                default -> {
                    if (value instanceof Integer i) {
                        builder.withExtension(name, i);
                    } else if (value instanceof Boolean b) {
                        builder.withExtension(name, b);
                    } else {
                        builder.withExtension(name, (String) value);
                    }
                }
            }
        });
        if (data != null) {
            builder.withData(data);
        }
        return builder.build();
    }

    private static Object jsonValue(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        return value; // a type error, reported by the rules
    }

    private static byte[] dataBytes(JsonNode data, String contentType) {
        boolean json = contentType == null || isJson(contentType);
        if (!json && data.isTextual()) {
            return data.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** {@code application/json}, {@code text/json} or any {@code +json} suffix, parameters ignored. */
    public static boolean isJson(String contentType) {
        String base = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return base.endsWith("/json") || base.endsWith("+json");
    }

    private static String extensionText(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Rfc3339.format(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private CloudEventHttp() {
    }
}
