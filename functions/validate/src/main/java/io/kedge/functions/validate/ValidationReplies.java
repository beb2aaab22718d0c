package io.kedge.functions.validate;

import io.kedge.contract.EventTypes;
import io.kedge.contract.Rfc3339;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.validate.rules.ValidationOutcome;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The reply events of the validate function. Ids derive from the reading's id, so a redelivered
 * reading yields the very same reply and downstream deduplication (source + id) holds.
 */
public final class ValidationReplies {

    /** {@code source} of every reply: the function, not the device, produced it. */
    public static final String SOURCE = "/functions/validate";

    public static CloudEvent<Object> to(CloudEvent<?> reading, ValidationOutcome outcome) {
        if (outcome instanceof ValidationOutcome.Accepted accepted) {
            return validated(reading, accepted.reading());
        }
        return rejected(reading, ((ValidationOutcome.Rejected) outcome).rejection());
    }

    /** Time is the normalised sample time, which is what the reading's own {@code time} names. */
    static CloudEvent<Object> validated(CloudEvent<?> reading, ValidatedReading data) {
        return CloudEventBuilder.create()
                .id(reading.id() + "/validated")
                .source(SOURCE)
                .type(EventTypes.READING_VALIDATED)
                .subject(reading.subject())
                .time(Rfc3339.parse(data.time()))
                .build(data);
    }

    /** Time is copied from the reading event, since the data's own time may be what was wrong. */
    static CloudEvent<Object> rejected(CloudEvent<?> reading, RejectedReading data) {
        return CloudEventBuilder.create()
                .id(reading.id() + "/rejected")
                .source(SOURCE)
                .type(EventTypes.READING_REJECTED)
                .subject(reading.subject())
                .time(reading.time())
                .build(data);
    }

    private ValidationReplies() {
    }
}
