package io.kedge.alert.rules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The kinds of rule a rules file can name, each with the keys that tune it. */
public enum RuleKind {
    THRESHOLD("threshold", List.of("above", "below", "clear", "for", "consecutive")),
    RATE_OF_CHANGE("rate-of-change", List.of("delta", "clear-delta", "window", "direction", "slices")),
    NO_DATA("no-data", List.of("after"));

    /** Keys every kind takes and overrides may set. */
    static final List<String> TUNABLE = List.of("severity", "enabled", "repeat-interval");
    /** Keys of a rule that no override may change. */
    static final List<String> IDENTITY = List.of("name", "kind", "metric", "overrides");

    private final String label;
    private final List<String> keys;

    RuleKind(String label, List<String> keys) {
        this.label = label;
        this.keys = keys;
    }

    public String label() {
        return label;
    }

    /** What an override (or an environment variable) may set for a rule of this kind. */
    Set<String> tunableKeys() {
        return Stream.concat(TUNABLE.stream(), keys.stream()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** What a rule of this kind may contain. */
    Set<String> ruleKeys() {
        return Stream.concat(IDENTITY.stream(), tunableKeys().stream()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    static RuleKind parse(String text) {
        for (RuleKind kind : values()) {
            if (kind.label.equals(text)) {
                return kind;
            }
        }
        return null;
    }

    static List<String> labels() {
        return Stream.of(values()).map(RuleKind::label).toList();
    }
}
