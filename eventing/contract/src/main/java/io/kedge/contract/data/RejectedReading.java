package io.kedge.contract.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Data of {@code io.kedge.reading.rejected.v1}.
 *
 * @param original   the payload exactly as received (any JSON, since it may not be a reading)
 * @param violations every rule it broke, never empty
 */
public record RejectedReading(JsonNode original, List<Violation> violations) {

    public RejectedReading {
        violations = List.copyOf(violations);
    }
}
