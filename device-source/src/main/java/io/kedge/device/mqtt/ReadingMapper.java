package io.kedge.device.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one gateway payload into a {@link Reading} by its {@link PayloadMapping}, collecting every
 * reason it cannot be one. It rejects only what no reading event can carry (not JSON, a device or
 * time that cannot be told, a measurement that is not a number); whether the values are plausible
 * is validate's decision, downstream, as for every other reading.
 *
 * <p>Codes, stable and machine-readable as validate's: {@code not_json}, {@code wrong_type},
 * {@code missing_field}, {@code invalid_time}, {@code time_without_zone}.
 */
public final class ReadingMapper {

    public static final String NOT_JSON = "not_json";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_TIME = "invalid_time";
    public static final String TIME_WITHOUT_ZONE = "time_without_zone";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_MAX = 200;

    private final PayloadMapping mapping;

    public ReadingMapper(PayloadMapping mapping) {
        this.mapping = mapping;
    }

    public PayloadMapping mapping() {
        return mapping;
    }

    /**
     * @param topic      the MQTT topic it arrived on
     * @param payload    the message body
     * @param receivedAt when the bridge received it: the sample time of payloads without one
     */
    public MappingResult map(String topic, byte[] payload, Instant receivedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            String text = new String(payload, StandardCharsets.UTF_8);
            return new MappingResult.Malformed(TextNode.valueOf(text), List.of(new Violation(NOT_JSON, "",
                    quoted(text), "the payload is not JSON: " + quoted(text))), deviceFromTopic(topic));
        }
        if (!root.isObject()) {
            return new MappingResult.Malformed(root, List.of(new Violation(WRONG_TYPE, "", quoted(root.toString()),
                    "the payload must be a JSON object, got " + quoted(root.toString()))), deviceFromTopic(topic));
        }
        List<Violation> violations = new ArrayList<>();
        String deviceId = text(root, mapping.deviceId(), violations);
        if (deviceId == null) {
            deviceId = deviceFromTopic(topic);
        }
        if (deviceId == null) {
            violations.add(new Violation(MISSING_FIELD, mapping.deviceId().toString(), null,
                    "no device id at " + mapping.deviceId()
                            + (mapping.deviceIdTopicLevel().isPresent() ? " nor at level " + mapping.deviceIdTopicLevel().getAsInt()
                            + " of topic \"" + topic + "\"" : "")));
        }
        String location = text(root, mapping.location(), violations);
        String sensor = text(root, mapping.sensor(), violations);
        Double temperature = number(root, mapping.temperature(), violations);
        Double humidity = number(root, mapping.humidity(), violations);
        Double pressure = number(root, mapping.pressure(), violations);
        String time = time(root, receivedAt, violations);
        if (!violations.isEmpty()) {
            return new MappingResult.Malformed(root, violations, deviceId);
        }
        return new MappingResult.Mapped(new Reading(deviceId,
                location != null ? location : mapping.defaultLocation().orElse(null),
                sensor != null ? sensor : mapping.defaultSensor(),
                temperature, humidity, pressure, time));
    }

    private String deviceFromTopic(String topic) {
        if (mapping.deviceIdTopicLevel().isEmpty() || topic == null) {
            return null;
        }
        String[] levels = topic.split("/", -1);
        int level = mapping.deviceIdTopicLevel().getAsInt();
        return level < levels.length && !levels[level].isBlank() ? levels[level] : null;
    }

    private static String text(JsonNode root, JsonPointer at, List<Violation> violations) {
        JsonNode node = root.at(at);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(new Violation(WRONG_TYPE, at.toString(), quoted(node.toString()),
                    at + " must be non-blank text, got " + quoted(node.toString())));
            return null;
        }
        return node.asText();
    }

    private static Double number(JsonNode root, JsonPointer at, List<Violation> violations) {
        JsonNode node = root.at(at);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            violations.add(new Violation(WRONG_TYPE, at.toString(), quoted(node.toString()),
                    at + " must be a JSON number, got " + quoted(node.toString())));
            return null;
        }
        return node.doubleValue();
    }

    private String time(JsonNode root, Instant receivedAt, List<Violation> violations) {
        JsonNode node = root.at(mapping.time());
        if (node.isMissingNode() || node.isNull()) {
            return receivedAt.truncatedTo(ChronoUnit.MILLIS).toString();
        }
        String at = mapping.time().toString();
        if (!node.isTextual()) {
            violations.add(new Violation(WRONG_TYPE, at, quoted(node.toString()),
                    at + " must be RFC 3339 text with a zone offset, got " + quoted(node.toString())));
            return null;
        }
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            if (isZoneless(text)) {
                violations.add(new Violation(TIME_WITHOUT_ZONE, at, text, at + " \"" + text
                        + "\" has no zone offset, so the instant it names is unknown; add Z or +hh:mm"));
            } else {
                violations.add(new Violation(INVALID_TIME, at, text, at + " \"" + text + "\" is not an RFC 3339 date-time"));
            }
            return null;
        }
    }

    private static boolean isZoneless(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED_MAX ? text : text.substring(0, QUOTED_MAX) + "…";
    }
}
