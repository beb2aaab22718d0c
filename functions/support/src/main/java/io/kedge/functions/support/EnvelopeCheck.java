package io.kedge.functions.support;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request may go on to Funqy. It passes a valid CloudEvent of the handled
 * type whose data Funqy can read as JSON. Everything else is refused with a {@link RequestProblem}
 * that lists every reason.
 *
 * <p>Funqy 3.33 itself answers such requests with a bare 400 (a plain POST), a 404 that Knative
 * retries (another type), or a 500 (structured body that is not JSON, data that is not JSON,
 * missing data), and never with a message. The checks below mirror what its
 * {@code HeaderCloudEventImpl} and {@code JsonCloudEventImpl} can read, so that nothing
 * passed on can end in a 500.
 */
public final class EnvelopeCheck {

    // Funqy reads data only for content types starting with exactly this (case-sensitive).
    private static final String FUNQY_JSON = "application/json";

    /**
     * An event let through.
     *
     * @param data     the event's data as parsed here (in structured mode the {@code data} member,
     *                 which may be a JSON {@code null}), so that a function need not parse it again
     * @param envelope in structured mode the whole event document, else {@code null}
     */
    public record Passed(JsonNode data, ObjectNode envelope) {

        public boolean structured() {
            return envelope != null;
        }
    }

    /**
     * Passes the event, or throws the problem to answer.
     *
     * @param handledTypes the CloudEvent types the app's functions are mapped to
     * @return the event's data as parsed here, see {@link Passed#data()}
     * @throws RequestProblem 400 for no valid CloudEvent or unreadable data, 422 for an unhandled type
     */
    public static JsonNode check(HttpMessage message, Set<String> handledTypes) {
        return admit(message, handledTypes).data();
    }

    /**
     * Passes the event, or throws the problem to answer.
     *
     * @param handledTypes the CloudEvent types the app's functions are mapped to
     * @throws RequestProblem 400 for no valid CloudEvent or unreadable data, 422 for an unhandled type
     */
    public static Passed admit(HttpMessage message, Set<String> handledTypes) {
        CloudEvent event;
        try {
            event = CloudEventHttp.decode(message);
        } catch (InvalidEventException e) {
            throw RequestProblem.badRequest("not a valid CloudEvent", e.problems());
        }
        if (!handledTypes.contains(event.getType())) {
            // 422, not Funqy's 404: Knative retries 404, and a misrouted event never gets better.
            throw new RequestProblem(422, "unhandled event type", List.of("this function handles "
                    + describe(handledTypes) + ", got \"" + event.getType() + "\""));
        }
        if (isStructured(message)) {
            return checkStructuredData(message.body(), event);
        }
        return new Passed(checkBinaryData(event), null);
    }

    private static JsonNode checkBinaryData(CloudEvent event) {
        String contentType = event.getDataContentType();
        if (contentType == null || !contentType.startsWith(FUNQY_JSON)) {
            throw notJson("Content-Type " + quote(contentType) + " is not application/json;"
                    + " send the data as application/json");
        }
        return checkParses(event);
    }

    private static Passed checkStructuredData(byte[] body, CloudEvent event) {
        String contentType = event.getDataContentType();
        if (contentType != null && !contentType.startsWith(FUNQY_JSON)) {
            throw notJson("datacontenttype " + quote(contentType) + " is not application/json");
        }
        JsonNode document = parse(body, event);
        if (!document.has("data")) {
            throw notJson("event " + event.getId() + " carries no 'data' member"
                    + (document.has("data_base64") ? " (data_base64 is not read; put the JSON in 'data')" : "")
                    + "; expected JSON data");
        }
        // The contract's codec took the body as a JSON object, so this parse of it is one too.
        return new Passed(document.get("data"), (ObjectNode) document);
    }

    private static JsonNode checkParses(CloudEvent event) {
        if (event.getData() == null) {
            throw notJson("event " + event.getId() + " carries no data; expected JSON");
        }
        return parse(event.getData().toBytes(), event);
    }

    private static JsonNode parse(byte[] json, CloudEvent event) {
        try {
            return JsonData.parse(json);
        } catch (StreamConstraintsException e) {
            throw RequestProblem.badRequest("data nested too deeply", List.of("data of event " + event.getId()
                    + " nests objects or arrays more than " + JsonData.MAX_DEPTH + " levels deep"));
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                    ? parse.getOriginalMessage() : e.getMessage();
            throw notJson("data of event " + event.getId() + " is not JSON: " + firstLine(reason));
        }
    }

    private static RequestProblem notJson(String problem) {
        return RequestProblem.badRequest("data is not JSON", List.of(problem));
    }

    static boolean isStructured(HttpMessage message) {
        String contentType = message.contentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CloudEventHttp.STRUCTURED_JSON);
    }

    private static String describe(Set<String> types) {
        return types.size() == 1 ? "type \"" + types.iterator().next() + "\"" : "types " + types;
    }

    private static String quote(String text) {
        return text == null ? "(none)" : '"' + text + '"';
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }

    private EnvelopeCheck() {
    }
}
