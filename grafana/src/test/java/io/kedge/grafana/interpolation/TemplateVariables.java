package io.kedge.grafana.interpolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grafana's frontend interpolation of dashboard variables in an InfluxQL query, before the query
 * goes to the backend ({@code TemplateSrv.replace} with the {@code regex} format, which the
 * InfluxDB datasource asks for in raw queries, variable queries and annotations):
 * <ul>
 * <li>references: {@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]},
 *     {@code [[name:format]]}; a name that is no dashboard variable stays as written, so
 *     {@code $timeFilter} and {@code $__interval} reach the backend untouched;</li>
 * <li>{@code regex} format: each value regex-escaped ({@code kbn.regexEscape}: a backslash before
 *     each of {@code \ ^ $ * + ? . ( ) | [ ] { } /}); one value alone, several as
 *     {@code (a|b)};</li>
 * <li>"All": the variable's {@code allValue} inserted as is (not escaped), or without one, every
 *     option formatted as a multi-value.</li>
 * </ul>
 */
public final class TemplateVariables {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

    /**
     * What a variable currently stands for.
     *
     * @param allValue the variable's {@code allValue}, or null
     * @param options  every option the variable's query returned (for "All" without allValue)
     */
    public record Selection(boolean all, List<String> values, String allValue, List<String> options) {

        public Selection {
            values = List.copyOf(values);
            options = List.copyOf(options);
        }

        public static Selection all(String allValue, List<String> options) {
            return new Selection(true, List.of(), allValue, options);
        }

        public static Selection of(String... values) {
            return new Selection(false, List.of(values), null, List.of());
        }
    }

    private final Map<String, Selection> selections;

    public TemplateVariables(Map<String, Selection> selections) {
        this.selections = new LinkedHashMap<>(selections);
    }

    public String replace(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = first(matcher.group(1), matcher.group(2), matcher.group(4));
            String format = first(matcher.group(3), matcher.group(6), "regex");
            Selection selection = selections.get(name);
            String replacement = selection == null ? matcher.group() : value(selection, format);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The names of dashboard variables {@code text} refers to (any name a reference could mean). */
    public static List<String> references(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(first(matcher.group(1), matcher.group(2), matcher.group(4)));
        }
        return names;
    }

    /** {@code kbn.regexEscape}. */
    public static String regexEscape(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    private static String value(Selection selection, String format) {
        if (selection.all() && selection.allValue() != null) {
            return selection.allValue(); // custom all values skip formatting
        }
        List<String> values = selection.all() ? selection.options() : selection.values();
        return switch (format) {
            case "regex" -> {
                List<String> escaped = values.stream().map(TemplateVariables::regexEscape).toList();
                yield escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
            }
            case "raw", "csv" -> String.join(",", values);
            case "pipe" -> String.join("|", values);
            case "singlequote" -> values.stream().map(v -> "'" + v.replace("'", "\\'") + "'").collect(Collectors.joining(","));
            case "doublequote" -> values.stream().map(v -> "\"" + v.replace("\"", "\\\"") + "\"").collect(Collectors.joining(","));
            default -> throw new IllegalArgumentException("variable format \"" + format
                    + "\" is not emulated here; use regex (the default), raw, csv, pipe, singlequote or doublequote");
        };
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
