package io.kedge.alert.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules in force, each resolved per device: a rule's location overrides apply to devices
 * reporting that location, its device overrides to that device, the latter winning. Every
 * combination an override file allows was checked when it was loaded ({@link RulesFile}), so
 * resolving never fails.
 */
public final class RuleSet {

    private record Target(String device, String location) {
    }

    private final List<RuleDefinition> definitions;
    private final Map<Target, List<Rule>> resolved = new ConcurrentHashMap<>();

    RuleSet(List<RuleDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** The enabled rules for {@code device} at {@code location} ({@code null} when unknown), in file order. */
    public List<Rule> rulesFor(String device, String location) {
        return resolved.computeIfAbsent(new Target(device, location == null ? "" : location), this::resolve);
    }

    private List<Rule> resolve(Target target) {
        List<Rule> rules = new ArrayList<>();
        for (RuleDefinition definition : definitions) {
            List<String> problems = new ArrayList<>();
            Rule rule = RuleBuilder.build(definition.where(), definition.kind(),
                    definition.fieldsFor(target.device(), target.location()), problems);
            if (!problems.isEmpty()) {
                // RulesFile checked every combination of overrides; reaching this is a bug.
                throw new IllegalStateException(String.join("; ", problems));
            }
            if (rule != null) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    /** Every rule's name, enabled or not, in file order. */
    public List<String> names() {
        return definitions.stream().map(RuleDefinition::name).toList();
    }

    public int size() {
        return definitions.size();
    }
}
