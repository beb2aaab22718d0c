package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The attribute values a filter compares, as Knative's legacy attributes filter sees them: core
 * optional attributes always exist (an unset one is the empty string), extensions exist only when
 * the event carries them.
 */
final class FilterAttributes {

    /**
     * The canonical string of {@code name} in {@code event}, or {@code null} when the event has no
     * such attribute.
     *
     * <p>{@code datamediatype} (content type without parameters) and {@code schemaurl} (the 0.3 name of
     * {@code dataschema}) are filterable in Knative although they are not 1.0 attributes. Unlike
     * Knative, which compares typed values, extensions compare by their canonical string form, so an
     * event matches the same way in binary mode (all strings) and structured mode (typed JSON).
     * {@code time} compares in RFC 3339 form, where Knative uses Go's own rendering.
     */
    static String value(CloudEvent event, String name) {
        return switch (name) {
            case "specversion" -> event.getSpecVersion().toString();
            case "id" -> event.getId();
            case "type" -> event.getType();
            case "source" -> event.getSource().toString();
            case "subject" -> orEmpty(event.getSubject());
            case "time" -> event.getTime() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.getTime());
            case "dataschema", "schemaurl" -> event.getDataSchema() == null ? "" : event.getDataSchema().toString();
            case "datacontenttype" -> orEmpty(event.getDataContentType());
            case "datamediatype" -> mediaType(event.getDataContentType());
            case "datacontentencoding" -> "";
            default -> extension(event.getExtension(name));
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
        return contentType == null ? "" : contentType.split(";", 2)[0].trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private FilterAttributes() {
    }
}
