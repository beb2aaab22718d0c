package io.kedge.store.function;

import io.kedge.functions.support.CheckedData;
import io.kedge.store.InvalidDataException;
import io.quarkus.funqy.knative.events.CloudEvent;

/** The data of an event as its record, or the sender's fault (400) when it does not bind. */
final class EventDataOf {

    /**
     * Bound from the tree the gate already parsed (Funqy would parse the bytes once more; it does
     * so lazily, and only here when no gate ran), so malformed data surfaces here.
     */
    static <T> T data(CloudEvent<T> event, Class<T> type, String kind, CheckedData checked) {
        try {
            return checked.value(type, event::data);
        } catch (RuntimeException e) {
            throw new InvalidDataException(kind, "data of event " + event.id() + " is not " + article(kind) + " "
                    + kind + " in JSON (" + event.dataContentType() + "): " + reason(rootCause(e)));
        }
    }

    private static String article(String kind) {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    /**
     * A record whose constructor copies a list ({@code RejectedReading}) throws a bare
     * NullPointerException when the list is missing; its JDK text speaks of our code, not of the data.
     */
    private static String reason(Throwable root) {
        return root instanceof NullPointerException ? "a required member is missing or null" : firstLine(root.getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private EventDataOf() {
    }
}
