package io.kedge.functions.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.RejectedReading;
import java.time.Clock;
import java.util.List;

/**
 * Validates and normalises the data of {@code io.kedge.reading.v1} events. Plain Java: the
 * Quarkus function only adapts it, so any process can host it.
 *
 * <p>It takes the data as a JSON tree, not as a {@link Reading}: a temperature of {@code "abc"}
 * must become a {@code wrong_type} violation in a rejected reply, whereas binding to the record
 * would fail before any rule could say which field was wrong, and the original payload could not
 * be returned as received. {@link JsonReading} maps the tree to the typed record field by field.
 */
public final class ReadingValidator {

    private final List<ReadingRule> rules;

    public ReadingValidator(ValidationPolicy policy, Clock clock) {
        // Adding a rule is one class and one line here. Order matters only for the order of
        // violations in the reply: presence first, then units and values, then time.
        this.rules = List.of(
                new RequiredFields(),
                new TagCharacters(),
                new KnownUnits(),
                new PhysicalRanges(policy.unknownSensor(), policy.generic()),
                new SampleTimeWindow(clock, policy.maxAge(), policy.maxClockSkew()));
    }

    public ValidationOutcome validate(JsonNode data) {
        Violations violations = new Violations();
        Reading reading = JsonReading.read(data, violations);
        if (reading != null) {
            rules.forEach(rule -> rule.check(reading, violations));
        }
        if (violations.isEmpty()) {
            return new ValidationOutcome.Accepted(Normaliser.normalise(reading));
        }
        return new ValidationOutcome.Rejected(new RejectedReading(data, violations.list()));
    }
}
