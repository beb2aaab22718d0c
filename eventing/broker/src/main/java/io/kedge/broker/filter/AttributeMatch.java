package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * The {@code exact}, {@code prefix} and {@code suffix} dialects: the attribute must be present and
 * its string form must equal, start with or end with the value (case-sensitive). Values are never
 * empty (refused at start), so an unset core attribute, read as the empty string, never matches.
 */
final class AttributeMatch implements EventFilter {

    /** How an attribute's string is compared with the filter's value. */
    enum Comparison {
        EXACT("exact") {
            @Override
            boolean test(String actual, String wanted) {
                return actual.equals(wanted);
            }
        },
        PREFIX("prefix") {
            @Override
            boolean test(String actual, String wanted) {
                return actual.startsWith(wanted);
            }
        },
        SUFFIX("suffix") {
            @Override
            boolean test(String actual, String wanted) {
                return actual.endsWith(wanted);
            }
        };

        private final String dialect;

        Comparison(String dialect) {
            this.dialect = dialect;
        }

        /** The dialect's name in a Trigger's {@code filters}. */
        String dialect() {
            return dialect;
        }

        abstract boolean test(String actual, String wanted);
    }

    private final Comparison comparison;
    private final String attribute;
    private final AttributeReader reader;
    private final String value;

    AttributeMatch(Comparison comparison, String attribute, String value) {
        this.comparison = comparison;
        this.attribute = attribute;
        this.reader = FilterAttributes.reader(attribute);
        this.value = value;
    }

    @Override
    public boolean matches(CloudEvent event) {
        String actual = reader.read(event);
        return actual != null && comparison.test(actual, value);
    }

    @Override
    public String toString() {
        return comparison.dialect() + "(" + attribute + "=" + value + ")";
    }
}
