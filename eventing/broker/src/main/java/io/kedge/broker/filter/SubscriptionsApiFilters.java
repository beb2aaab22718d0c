package io.kedge.broker.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.broker.filter.AttributeMatch.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a Trigger's {@code spec.filters} (Knative's SubscriptionsAPI dialects {@code exact},
 * {@code prefix}, {@code suffix}, {@code all}, {@code any}, {@code not}) into a tree of small
 * filters, once, when the manifests load. The list is an implicit {@code all}.
 *
 * <p>Checks what Knative's webhook checks (one dialect per element, one attribute per
 * exact/prefix/suffix, attribute names) and refuses what Knative's filter code would silently drop
 * and thereby pass (empty maps, lists and values, elements without dialect) or never match
 * ({@code data}, which no dialect can see). {@code cesql} is refused until the local broker
 * implements it. Reads the YAML tree rather than the typed model, which cannot tell
 * {@code exact: {}} from an absent {@code exact}.
 */
public final class SubscriptionsApiFilters {

    // Knative's webhook: a lowercase letter, then lowercase letters and digits.
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Set<String> DIALECTS = Set.of("exact", "prefix", "suffix", "all", "any", "not", "cesql");
    private static final String SUPPORTED = "exact, prefix, suffix, all, any or not";
    private static final String EXAMPLE = "e.g. {type: io.kedge.reading.v1}";

    /**
     * The filter for {@code filters}, a YAML list, or empty when any problem was found; problems
     * are added to {@code problems}, each starting with its field path.
     *
     * @param field the field path of {@code filters} for messages, e.g. {@code spec.filters}
     */
    public static Optional<EventFilter> compile(JsonNode filters, String field, List<String> problems) {
        int before = problems.size();
        EventFilter filter = list(filters, field, problems, AllFilter::of);
        return problems.size() == before ? Optional.of(filter) : Optional.empty();
    }

    private static EventFilter list(JsonNode list, String field, List<String> problems,
                                    Function<List<EventFilter>, EventFilter> combine) {
        if (list == null || !list.isArray()) {
            problems.add(field + ": must be a list of filters");
            return null;
        }
        if (list.isEmpty()) {
            problems.add(field + ": must contain at least one filter");
            return null;
        }
        List<EventFilter> filters = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            EventFilter filter = element(list.get(i), field + "[" + i + "]", problems);
            if (filter != null) {
                filters.add(filter);
            }
        }
        return filters.size() == list.size() ? combine.apply(filters) : null;
    }

    private static EventFilter element(JsonNode element, String field, List<String> problems) {
        if (element == null || !element.isObject()) {
            problems.add(field + ": must be a filter with one dialect: " + SUPPORTED);
            return null;
        }
        List<String> dialects = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : element.properties()) {
            if (DIALECTS.contains(property.getKey())) {
                dialects.add(property.getKey());
            } else {
                problems.add(field + "." + property.getKey() + ": unknown filter dialect; use " + SUPPORTED);
            }
        }
        if (element.isEmpty()) {
            problems.add(field + ": no filter dialect; set one of " + SUPPORTED);
        }
        if (dialects.size() > 1) {
            problems.add(field + ": multiple dialects found (" + String.join(", ", dialects) + "), filters can have only"
                    + " one dialect set; put each in its own list element (the list is an implicit all)");
        }
        // Every dialect found is checked, so that one start reports all the problems of an element.
        List<EventFilter> compiled = new ArrayList<>();
        for (String dialect : dialects) {
            compiled.add(dialect(dialect, element.get(dialect), field + "." + dialect, problems));
        }
        return dialects.size() == 1 && element.size() == 1 ? compiled.get(0) : null;
    }

    private static EventFilter dialect(String dialect, JsonNode value, String field, List<String> problems) {
        return switch (dialect) {
            case "exact" -> match(Comparison.EXACT, value, field, problems);
            case "prefix" -> match(Comparison.PREFIX, value, field, problems);
            case "suffix" -> match(Comparison.SUFFIX, value, field, problems);
            case "all" -> list(value, field, problems, AllFilter::of);
            case "any" -> list(value, field, problems, AnyFilter::of);
            case "not" -> {
                EventFilter nested = element(value, field, problems);
                yield nested == null ? null : new NotFilter(nested);
            }
            case "cesql" -> {
                problems.add(field + ": CloudEvents SQL (cesql) is not supported yet by the local broker; express the"
                        + " filter with " + SUPPORTED.replace(" or ", " and "));
                yield null;
            }
            default -> throw new IllegalArgumentException("not a filter dialect: " + dialect);
        };
    }

    private static EventFilter match(Comparison comparison, JsonNode map, String field, List<String> problems) {
        if (map == null || !map.isObject()) {
            problems.add(field + ": must map one attribute to a value, " + EXAMPLE);
            return null;
        }
        if (map.isEmpty()) {
            problems.add(field + ": empty; name one attribute and its value, " + EXAMPLE);
            return null;
        }
        if (map.size() > 1) {
            problems.add(field + ": Multiple items found, can have only one key-value (" + names(map)
                    + "); put each attribute in its own list element");
            return null;
        }
        Map.Entry<String, JsonNode> entry = map.properties().iterator().next();
        String name = entry.getKey();
        JsonNode value = entry.getValue();
        int before = problems.size();
        if (name.isEmpty()) {
            problems.add(field + ": attribute name must not be empty");
        } else if (name.equals("data")) {
            problems.add(field + ".data: filtering on data is not supported; filters compare context attributes only");
        } else if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            problems.add(field + ": Invalid attribute name: \"" + name + "\" (a lowercase letter, then only a-z and 0-9)");
        }
        String valueField = name.isEmpty() ? field : field + "." + name;
        if (value.isNull() || value.isTextual() && value.textValue().isEmpty()) {
            problems.add(valueField + ": value must not be empty (the filters dialects have no \"any value\")");
        } else if (!value.isTextual()) {
            problems.add(valueField + ": must be a string, not " + kind(value)
                    + (value.isValueNode() ? "; quote it: \"" + value.asText() + "\"" : ""));
        }
        return problems.size() == before ? new AttributeMatch(comparison, name, value.textValue()) : null;
    }

    private static String names(JsonNode map) {
        return map.properties().stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "a map";
            case ARRAY -> "a list";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private SubscriptionsApiFilters() {
    }
}
