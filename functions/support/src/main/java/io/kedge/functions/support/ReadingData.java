package io.kedge.functions.support;

import io.kedge.contract.data.ValidatedReading;
import java.util.function.Supplier;

/**
 * The validated reading a stateful function's event carries. Funqy binds the data lazily, so a
 * reading that does not bind fails here, a 422 naming the event, rather than as a 500.
 */
public final class ReadingData {

    /**
     * @param eventId the event's id, for the message
     * @param bind    binds the data: {@link CheckedData#value} from the tree the gate parsed, or
     *                Funqy's own binding
     * @throws UnusableReadingException when the event carries no reading, or one that does not bind
     */
    public static ValidatedReading bound(String eventId, Supplier<ValidatedReading> bind) {
        try {
            ValidatedReading data = bind.get();
            if (data == null) {
                throw new UnusableReadingException("event " + eventId + " carries no reading");
            }
            return data;
        } catch (UnusableReadingException e) {
            throw e;
        } catch (RuntimeException e) {
            // Funqy and CheckedData wrap Jackson's exception, whose first line says what did not bind.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UnusableReadingException("data of event " + eventId + " is not a validated reading: "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private ReadingData() {
    }
}
