package io.kedge.contract.codec;

import io.kedge.contract.Rfc3339;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CloudEvents 1.0 rules for context attributes, shared by binary and structured mode. Every
 * problem is collected (not just the first), naming the attribute and quoting the value.
 */
final class AttributeRules {

    static final String SPEC_VERSION = "1.0";
    static final Set<String> REQUIRED = Set.of("specversion", "id", "source", "type");
    static final Set<String> CORE = Set.of(
            "specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time");

    // RFC 3339 date-time: seconds and a zone offset are mandatory; java.time alone accepts less.
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    // RFC 2046 media type: type "/" subtype, then optional parameters.
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?", Pattern.DOTALL);

    /**
     * Checks {@code attributes} (name to value; values are String, Boolean or Integer, anything
     * else is a type error) and returns every problem found.
     */
    static List<String> check(Map<String, Object> attributes) {
        List<String> problems = new ArrayList<>();
        for (String required : List.of("specversion", "id", "source", "type")) {
            if (!attributes.containsKey(required)) {
                problems.add("missing required attribute '" + required + "'");
            }
        }
        attributes.forEach((name, value) -> checkOne(name, value, problems));
        return problems;
    }

    private static void checkOne(String name, Object value, List<String> problems) {
        if (!isName(name)) {
            problems.add("invalid attribute name " + quote(name)
                    + ": only lower-case letters a-z and digits 0-9 are allowed");
            return;
        }
        if (name.equals("data")) {
            problems.add("'data' is reserved and cannot be an attribute name");
            return;
        }
        if (!CORE.contains(name)) {
            checkExtensionValue(name, value, problems);
            return;
        }
        if (!(value instanceof String text)) {
            problems.add("attribute '" + name + "' must be a string, got " + describe(value));
            return;
        }
        if (text.isEmpty()) {
            problems.add("attribute '" + name + "' must not be empty");
            return;
        }
        if (hasControlCharacter(text)) {
            problems.add("attribute '" + name + "' contains a control character: " + quote(text));
            return;
        }
        switch (name) {
            case "specversion" -> {
                if (!SPEC_VERSION.equals(text)) {
                    problems.add("unsupported specversion " + quote(text) + ", expected \"1.0\"");
                }
            }
            case "source" -> checkUri(name, text, false, problems);
            case "dataschema" -> checkUri(name, text, true, problems);
            case "time" -> {
                if (parseTime(text) == null) {
                    problems.add("attribute 'time' is not an RFC 3339 timestamp: " + quote(text));
                }
            }
            case "datacontenttype" -> {
                if (!MEDIA_TYPE.matcher(text).matches()) {
                    problems.add("attribute 'datacontenttype' is not an RFC 2046 media type: " + quote(text));
                }
            }
            default -> {
                // id, type, subject: any non-empty string
            }
        }
    }

    private static void checkExtensionValue(String name, Object value, List<String> problems) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer) {
            return;
        }
        problems.add("extension '" + name + "' must be a string, boolean or integer, got " + describe(value));
    }

    private static void checkUri(String name, String text, boolean absolute, List<String> problems) {
        try {
            URI uri = new URI(text);
            if (absolute && !uri.isAbsolute()) {
                problems.add("attribute '" + name + "' must be an absolute URI, got " + quote(text));
            }
        } catch (URISyntaxException e) {
            problems.add("attribute '" + name + "' is not a URI-reference: " + quote(text));
        }
    }

    /** The timestamp, or {@code null} if {@code text} is not a complete RFC 3339 date-time. */
    static OffsetDateTime parseTime(String text) {
        OffsetDateTime common = Rfc3339.parseCommon(text);
        if (common != null) {
            return common;
        }
        if (!RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code [a-z0-9]+}, without a regex: every attribute of every event passes here. */
    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    static String quote(String text) {
        return '"' + text + '"';
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return value.getClass().getSimpleName().toLowerCase() + " " + value;
    }

    private AttributeRules() {
    }
}
