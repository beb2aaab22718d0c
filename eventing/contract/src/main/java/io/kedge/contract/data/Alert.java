package io.kedge.contract.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code io.kedge.alert.fired.v1} and {@code io.kedge.alert.resolved.v1}.
 *
 * @param rule        name of the rule, e.g. {@code temperature-high}
 * @param severity    {@code info}, {@code warning} or {@code critical}
 * @param metric      the reading field the rule watches, e.g. {@code temperature}
 * @param value       the value that fired or resolved the alert
 * @param threshold   the level the value crossed
 * @param startsAt    when the incident started, RFC 3339
 * @param endsAt      when it ended (resolved only), RFC 3339
 * @param fingerprint stable id of the incident's series: rule + device
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String rule,
        String severity,
        String deviceId,
        String location,
        String metric,
        Double value,
        Double threshold,
        String startsAt,
        String endsAt,
        String fingerprint) {
}
