package io.kedge.broker.ingress;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.time.OffsetDateTime;
import java.util.OptionalInt;

/**
 * The extension attributes Knative's broker adds: {@code knativearrivaltime} (when the ingress took
 * the event) and {@code knativebrokerttl} (hops left before a reply loop is cut).
 */
public final class BrokerExtensions {

    public static final String ARRIVAL_TIME = "knativearrivaltime";
    public static final String TTL = "knativebrokerttl";
    /** Knative's default TTL for an event that arrives without one. */
    public static final int DEFAULT_TTL = 255;

    /**
     * The event's TTL, empty when absent.
     *
     * @throws RejectedEventException 400 when the value is not an integer
     */
    public static OptionalInt ttl(CloudEvent event) {
        Object value = event.getExtension(TTL);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Integer i) {
            return OptionalInt.of(i);
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new RejectedEventException(400, "extension '" + TTL + "' must be an integer, got \"" + value + "\"");
        }
    }

    /** {@code event} with its TTL set to {@code ttl} and its arrival time to {@code arrival}. */
    public static CloudEvent stamp(CloudEvent event, int ttl, OffsetDateTime arrival) {
        return CloudEventBuilder.from(event)
                .withExtension(TTL, ttl)
                .withExtension(ARRIVAL_TIME, arrival)
                .build();
    }

    /** {@code event} as a subscriber sees it: Knative keeps the TTL to itself. */
    public static CloudEvent forSubscriber(CloudEvent event) {
        return CloudEventBuilder.from(event).withoutExtension(TTL).build();
    }

    private BrokerExtensions() {
    }
}
