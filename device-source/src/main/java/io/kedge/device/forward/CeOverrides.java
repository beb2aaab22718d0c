package io.kedge.device.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extensions a Knative SinkBinding asks every event to carry, from {@code K_CE_OVERRIDES}
 * ({@code {"extensions":{"site":"plant-1"}}}). As in Knative, only extensions can be set; values
 * arrive as strings (a YAML {@code 42} becomes {@code "42"}).
 */
public final class CeOverrides {

    public static final CeOverrides NONE = new CeOverrides(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> CORE_ATTRIBUTES = Set.of("specversion", "id", "source", "type",
            "subject", "time", "datacontenttype", "dataschema", "data", "data_base64");

    private final Map<String, String> extensions;

    private CeOverrides(Map<String, String> extensions) {
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /**
     * Parses the {@code K_CE_OVERRIDES} text; blank or {@code null} means no overrides.
     *
     * @throws IllegalArgumentException naming the bad text, when it is not the Knative shape
     */
    public static CeOverrides parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("K_CE_OVERRIDES is not JSON: \"" + json + "\" ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("K_CE_OVERRIDES must be a JSON object like"
                    + " {\"extensions\":{\"site\":\"plant-1\"}}, got \"" + json + "\"");
        }
        JsonNode extensions = root.path("extensions");
        if (extensions.isMissingNode() || extensions.isNull()) {
            return NONE;
        }
        if (!extensions.isObject()) {
            throw new IllegalArgumentException("K_CE_OVERRIDES 'extensions' must be an object, got " + extensions);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = extensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            values.put(checkedName(field.getKey()), checkedValue(field.getKey(), field.getValue()));
        }
        return new CeOverrides(values);
    }

    public Map<String, String> extensions() {
        return extensions;
    }

    /** {@code event} with every override added (an extension of the same name is replaced). */
    public CloudEvent applyTo(CloudEvent event) {
        if (extensions.isEmpty()) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.v1(event);
        extensions.forEach(builder::withExtension);
        return builder.build();
    }

    private static String checkedName(String name) {
        if (CORE_ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("K_CE_OVERRIDES cannot override core attribute \"" + name
                    + "\"; only extensions can be set");
        }
        if (!EXTENSION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("K_CE_OVERRIDES extension name \"" + name
                    + "\" is invalid: use 1 to 20 lower-case letters or digits");
        }
        return name;
    }

    private static String checkedValue(String name, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("K_CE_OVERRIDES extension \"" + name
                    + "\" must be a string, number or boolean, got " + value);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return extensions.toString();
    }
}
