package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.util.Collections;
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
    private final AttributeReader[] readers;
    private final String[] values;

    private AttributesFilter(Map<String, String> attributes) {
        this.attributes = attributes;
        this.readers = attributes.keySet().stream().map(FilterAttributes::reader).toArray(AttributeReader[]::new);
        this.values = attributes.values().toArray(String[]::new);
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
        // A LinkedHashMap, not Map.copyOf: readers and values are taken in the same iteration order.
        return new AttributesFilter(Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (int i = 0; i < readers.length; i++) {
            String actual = readers[i].read(event);
            if (actual == null) {
                return false;
            }
            if (!values[i].isEmpty() && !values[i].equals(actual)) {
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
