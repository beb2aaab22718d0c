package io.kedge.store.function;

import io.kedge.contract.data.ValidatedReading;
import io.kedge.store.InvalidReadingException;
import io.kedge.store.ReadingStore;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import jakarta.inject.Inject;

/**
 * The {@code store} function: one {@code io.kedge.reading.validated.v1} event in, one InfluxDB
 * point written, then 204 with no reply event. Failures carry their HTTP status (FunctionFailure), answered by the shared FailureStatuses.
 */
public class StoreFunction {

    private final ReadingStore store;

    @Inject
    StoreFunction(ReadingStore store) {
        this.store = store;
    }

    @Funq
    public void store(CloudEvent<ValidatedReading> event) {
        store.store(dataOf(event));
    }

    /** Funqy parses the data lazily, so malformed JSON surfaces here, as the sender's fault. */
    private static ValidatedReading dataOf(CloudEvent<ValidatedReading> event) {
        try {
            return event.data();
        } catch (RuntimeException e) {
            throw new InvalidReadingException("data of event " + event.id() + " is not a validated reading in JSON ("
                    + event.dataContentType() + "): " + firstLine(rootCause(e).getMessage()));
        }
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
}
