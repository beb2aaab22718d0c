package io.kedge.functions.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.kedge.contract.data.Violation;
import io.kedge.functions.support.CheckedData;
import io.kedge.functions.validate.rules.ReadingValidator;
import io.kedge.functions.validate.rules.ValidationOutcome;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;

/** The function: an {@code io.kedge.reading.v1} event in, its validated or rejected reply out. */
public class ValidateFunction {

    @Inject
    ReadingValidator validator;

    @Inject
    CheckedData checkedData;

    /**
     * The data arrives as a JSON tree rather than the typed {@code Reading} that STYLE.md asks for:
     * Funqy would bind a temperature of {@code "abc"} by throwing, i.e. a 500 that Knative retries,
     * where the contract wants a rejected reply naming the field (see {@link ReadingValidator}).
     * The reply's data is a {@code ValidatedReading} or a {@code RejectedReading}, hence {@code Object}.
     */
    @Funq
    public CloudEvent<Object> validate(CloudEvent<JsonNode> reading) {
        // The gate already parsed the data to check it: no second parse. Structured mode with
        // "data": null arrives as null or a JSON null; it is JSON, so it gets a reply.
        JsonNode data = checkedData.tree(reading::data);
        if (data == null) {
            data = NullNode.getInstance();
        }
        ValidationOutcome outcome = validator.validate(data);
        if (outcome instanceof ValidationOutcome.Rejected rejected) {
            Log.infof("rejected reading %s from %s: %s", reading.id(), reading.source(),
                    rejected.rejection().violations().stream().map(Violation::message).toList());
        }
        return ValidationReplies.to(reading, outcome);
    }
}
