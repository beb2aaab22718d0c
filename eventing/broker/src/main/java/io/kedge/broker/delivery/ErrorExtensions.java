package io.kedge.broker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.Base64;

/**
 * The extensions Knative's dispatcher adds to an event it sends to a dead-letter sink
 * (knative-cloudevents.md §2.10): where the delivery failed, with which status, and what it answered.
 */
public final class ErrorExtensions {

    public static final String DESTINATION = "knativeerrordest";
    public static final String CODE = "knativeerrorcode";
    public static final String DATA = "knativeerrordata";
    /** Knative truncates the base64 text, not the body, to this many characters. */
    static final int MAX_DATA_CHARS = 1024;

    /**
     * {@code original} (never the reply) with the three extensions: {@code knativeerrordest} the
     * failed URL, {@code knativeerrorcode} the last status as an Integer (500 without a response),
     * {@code knativeerrordata} the last body in base64, cut at 1024 characters, left out when empty.
     */
    public static CloudEvent add(CloudEvent original, URI destination, DeliveryOutcome.Failed last) {
        CloudEventBuilder builder = CloudEventBuilder.from(original)
                .withExtension(DESTINATION, destination.toString())
                .withExtension(CODE, last.errorCode());
        if (last.body().length > 0) {
            String data = Base64.getEncoder().encodeToString(last.body());
            builder.withExtension(DATA, data.length() > MAX_DATA_CHARS ? data.substring(0, MAX_DATA_CHARS) : data);
        }
        return builder.build();
    }

    private ErrorExtensions() {
    }
}
