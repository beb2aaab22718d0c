package io.kedge.functions.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.data.Reading;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a JSON tree to a {@link Reading} by hand. Jackson's data binding would stop at the first
 * mismatch with an exception; here every wrongly typed field becomes a violation of its own and
 * arrives in the reading as {@code null}.
 */
final class JsonReading {

    // What senders write for non-finite values when JSON gives them no number to use.
    private static final Set<String> NON_FINITE = Set.of(
            "nan", "-nan", "+nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf");

    /** The reading in {@code data}, or {@code null} when the data is no JSON object at all. */
    static Reading read(JsonNode data, Violations violations) {
        if (!data.isObject()) {
            violations.add(ViolationCode.WRONG_TYPE, Violations.ROOT, data.toString(),
                    "a reading must be a JSON object, got " + describe(data));
            return null;
        }
        return new Reading(
                text(data, "deviceId", violations),
                text(data, "location", violations),
                text(data, "sensor", violations),
                number(data, Quantity.TEMPERATURE.field(), violations),
                number(data, Quantity.HUMIDITY.field(), violations),
                number(data, Quantity.PRESSURE.field(), violations),
                text(data, "time", violations),
                text(data, KnownUnits.FIELD, violations));
    }

    private static String text(JsonNode data, String field, Violations violations) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        violations.add(ViolationCode.WRONG_TYPE, field, node.toString(),
                field + " must be a string, got " + describe(node));
        return null;
    }

    private static Double number(JsonNode data, String field, Violations violations) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            // A huge exponent or a long run of digits arrives as a double infinity or a BigInteger
            // whose double value is infinite; a bare NaN token as a double NaN.
            double value = node.doubleValue();
            if (Double.isFinite(value)) {
                return value;
            }
            violations.add(ViolationCode.NOT_A_NUMBER, field, node.toString(),
                    field + " " + Violations.quote(node.toString()) + " is not a finite number");
            return null;
        }
        if (node.isTextual() && NON_FINITE.contains(node.textValue().strip().toLowerCase(Locale.ROOT))) {
            violations.add(ViolationCode.NOT_A_NUMBER, field, node.textValue(),
                    field + " " + Violations.quote(node.textValue()) + " is not a finite number");
            return null;
        }
        violations.add(ViolationCode.WRONG_TYPE, field, node.isTextual() ? node.textValue() : node.toString(),
                field + " must be a number, got " + describe(node));
        return null;
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return type + " " + Violations.quote(node.isTextual() ? node.textValue() : node.toString());
    }

    private JsonReading() {
    }
}
