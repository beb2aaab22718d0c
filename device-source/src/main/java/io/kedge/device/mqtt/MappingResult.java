package io.kedge.device.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.Violation;
import java.util.List;

/** What a gateway payload became: a reading, or the reasons it cannot be one. */
public sealed interface MappingResult {

    /** A reading ready to become an {@code io.kedge.reading.v1} event. */
    record Mapped(Reading reading) implements MappingResult {
    }

    /**
     * A payload that cannot be a reading event at all (plausibility is validate's job, not this one's).
     *
     * @param original   the payload as JSON, or as a JSON string when it is not JSON
     * @param violations every reason, each with the JSON pointer of the field
     * @param deviceId   the device, when the payload or topic named one; else {@code null}
     */
    record Malformed(JsonNode original, List<Violation> violations, String deviceId) implements MappingResult {

        public Malformed {
            violations = List.copyOf(violations);
        }
    }
}
