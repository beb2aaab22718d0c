package io.kedge.contract.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One broken rule.
 *
 * @param code    stable machine-readable code, e.g. {@code out_of_range}
 * @param field   path of the offending field in the reading, e.g. {@code temperature}
 * @param value   the offending value as text, or {@code null} when the field is missing
 * @param message human-readable explanation that quotes the value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String code, String field, String value, String message) {
}
