package io.kedge.functions.validate.rules;

import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.ValidatedReading;

/** The verdict on one reading: accepted in normalised form, or rejected with every reason. */
public sealed interface ValidationOutcome {

    record Accepted(ValidatedReading reading) implements ValidationOutcome {
    }

    record Rejected(RejectedReading rejection) implements ValidationOutcome {
    }
}
