package io.kedge.contract.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Data of {@code io.kedge.reading.validated.v1}: a reading that passed every rule, normalised to
 * °C, %RH and hPa and rounded to the sensor's resolution.
 *
 * @param time    sample time, RFC 3339 in UTC
 * @param quality flags about the reading that did not reject it, e.g. {@code rounded}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidatedReading(
        String deviceId,
        String location,
        String sensor,
        Double temperature,
        Double humidity,
        Double pressure,
        String time,
        List<String> quality) {

    public ValidatedReading {
        quality = quality == null ? List.of() : List.copyOf(quality);
    }
}
