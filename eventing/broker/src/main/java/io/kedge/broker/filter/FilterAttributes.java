package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The attribute values filters compare, as Knative's filters look them up: core optional
 * attributes always exist (an unset one is the empty string), extensions exist only when the event
 * carries them.
 */
final class FilterAttributes {

    /**
     * The reader of {@code name}: the attribute's canonical string, or {@code null} when the event
     * has no such attribute.
     *
     * <p>{@code datamediatype} (content type without parameters) and {@code schemaurl} (the 0.3 name of
     * {@code dataschema}) are filterable in Knative although they are not 1.0 attributes. Unlike
     * Knative, which compares typed values (or Go's {@code %v} rendering of them), extensions compare
     * by their CloudEvents canonical string, so an event matches the same way in binary mode (all
     * strings) and structured mode (typed JSON). {@code time} compares in RFC 3339 form, as newer
     * Knative releases do; older ones used Go's own rendering.
     */
    static AttributeReader reader(String name) {
        return switch (name) {
            case "specversion" -> event -> event.getSpecVersion().toString();
            case "id" -> CloudEvent::getId;
            case "type" -> CloudEvent::getType;
            case "source" -> event -> event.getSource().toString();
            case "subject" -> event -> orEmpty(event.getSubject());
            case "time" -> event -> event.getTime() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.getTime());
            case "dataschema", "schemaurl" -> event -> event.getDataSchema() == null ? "" : event.getDataSchema().toString();
            case "datacontenttype" -> event -> orEmpty(event.getDataContentType());
            case "datamediatype" -> event -> mediaType(event.getDataContentType());
            case "datacontentencoding" -> event -> "";
            default -> event -> extension(event.getExtension(name));
        };
    }

    private static String extension(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private FilterAttributes() {
    }
}
