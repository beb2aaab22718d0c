package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Knative's legacy {@code spec.filter.attributes}: every key must be present in the event and
 * equal the value exactly (case-sensitive); an empty value matches any value of an attribute that
 * exists. See {@link FilterAttributes} for which attributes always exist.
 */
public final class AttributesFilter implements EventFilter {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]+");

    private final Map<String, String> attributes;

    private AttributesFilter(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    /**
     * The filter for {@code attributes}; an empty map matches everything. Invalid attribute names
     * are added to {@code problems} as Knative's webhook words them.
     *
     * @param field the field path for messages, e.g. {@code spec.filter.attributes}
     */
    public static EventFilter of(Map<String, String> attributes, String field, List<String> problems) {
        if (attributes == null || attributes.isEmpty()) {
            return MATCH_ALL;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
                problems.add(field + ": Invalid attribute name: \"" + name + "\" (only a-z and 0-9)");
            } else {
                copy.put(name, value == null ? "" : value);
            }
        });
        return new AttributesFilter(Map.copyOf(copy));
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (Map.Entry<String, String> wanted : attributes.entrySet()) {
            String actual = FilterAttributes.value(event, wanted.getKey());
            if (actual == null) {
                return false;
            }
            if (!wanted.getValue().isEmpty() && !wanted.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return attributes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (e.getValue().isEmpty() ? "*" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
