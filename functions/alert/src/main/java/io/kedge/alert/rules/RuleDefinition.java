package io.kedge.alert.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One rule as written: its keys (file defaults and environment overrides applied) and its
 * per-location and per-device overrides, in file order.
 *
 * @param where  how problems name it, e.g. {@code rules[0] (temperature-high)}
 */
record RuleDefinition(String where, String name, RuleKind kind, ObjectNode base, List<Override> overrides) {

    /** Keys that replace the rule's own for one location or one device. */
    record Override(String where, Selector selector, String value, ObjectNode fields) {

        boolean applies(String device, String location) {
            return selector == Selector.DEVICE ? value.equals(device) : value.equals(location);
        }
    }

    enum Selector {
        LOCATION("location"), DEVICE("device");

        final String key;

        Selector(String key) {
            this.key = key;
        }
    }

    /** The rule's keys for {@code device} at {@code location}: base, then location overrides, then device overrides. */
    ObjectNode fieldsFor(String device, String location) {
        ObjectNode merged = base.deepCopy();
        for (Selector selector : List.of(Selector.LOCATION, Selector.DEVICE)) {
            for (Override override : overrides) {
                if (override.selector() == selector && override.applies(device, location)) {
                    merged.setAll(override.fields());
                }
            }
        }
        return merged;
    }
}
