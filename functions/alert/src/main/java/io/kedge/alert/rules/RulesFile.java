package io.kedge.alert.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a rules file (YAML, or JSON, which is YAML too) and the environment overrides of its
 * rules into a {@link RuleSet}, or refuses it with every problem, each naming the rule and key.
 *
 * <pre>{@code
 * repeat-interval: 0s            # default for every rule: never re-announce
 * rules:
 *   - name: temperature-high
 *     kind: threshold            # threshold | rate-of-change | no-data
 *     metric: temperature
 *     severity: warning
 *     above: 30
 *     clear: 28
 *     for: 2m
 *     overrides:
 *       - location: garage
 *         above: 40
 *         clear: 38
 * }</pre>
 *
 * <p>Environment overrides: {@code KEDGE_ALERT_RULE_<RULE>_<KEY>=value} sets {@code KEY} of the
 * rule itself (before its overrides), where {@code RULE} and {@code KEY} are upper-cased with
 * every other character than A-Z and 0-9 written {@code _}: {@code KEDGE_ALERT_RULE_TEMPERATURE_HIGH_ABOVE=35}.
 * A variable with that prefix that names no rule or key is a problem too, so a typo does not
 * pass silently.
 */
public final class RulesFile {

    public static final String ENV_PREFIX = "KEDGE_ALERT_RULE_";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> TOP_LEVEL = Set.of("rules", "repeat-interval");

    private final String origin;
    private final List<String> problems = new ArrayList<>();

    private RulesFile(String origin) {
        this.origin = origin;
    }

    /**
     * @param text        the file's content
     * @param origin      where it came from, for messages (a path, or {@code classpath:alert-rules.yaml})
     * @param environment the process environment; only {@code KEDGE_ALERT_RULE_*} variables are read
     * @throws RulesException listing every problem
     */
    public static RuleSet parse(String text, String origin, Map<String, String> environment) {
        return new RulesFile(origin).read(text, environment);
    }

    private RuleSet read(String text, Map<String, String> environment) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new RulesException(origin, List.of("not YAML: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new RulesException(origin, List.of("must be a mapping with a 'rules' list"));
        }
        unknownKeys("", root, TOP_LEVEL);
        JsonNode defaultRepeat = root.get("repeat-interval");
        JsonNode rules = root.path("rules");
        if (!rules.isArray()) {
            problems.add("rules: required, a list of rules");
            throw new RulesException(origin, problems);
        }
        List<RuleDefinition> definitions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition definition = definition("rules[" + i + "]", rules.get(i), defaultRepeat);
            if (definition != null) {
                if (!names.add(definition.name())) {
                    problems.add(definition.where() + ": name: \"" + definition.name() + "\" is used by an earlier rule");
                }
                definitions.add(definition);
            }
        }
        applyEnvironment(definitions, environment);
        if (problems.isEmpty()) {
            definitions.forEach(this::checkCombinations);
        }
        if (!problems.isEmpty()) {
            throw new RulesException(origin, problems);
        }
        return new RuleSet(definitions);
    }

    private RuleDefinition definition(String where, JsonNode node, JsonNode defaultRepeat) {
        if (!node.isObject()) {
            problems.add(where + ": must be a mapping with name, kind and the kind's keys");
            return null;
        }
        String name = node.path("name").asText("");
        if (!node.path("name").isTextual() || !NAME.matcher(name).matches()) {
            problems.add(where + ": name: " + (node.has("name") ? RuleBuilder.quote(node.get("name")) + " must be" : "required,")
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit (at most 100)");
            return null;
        }
        where = where + " (" + name + ")";
        String kindText = node.path("kind").asText("");
        RuleKind kind = RuleKind.parse(kindText);
        if (kind == null) {
            problems.add(where + ": kind: " + (node.has("kind") ? "\"" + kindText + "\" is none of" : "required, one of")
                    + " " + String.join(", ", RuleKind.labels()));
            return null;
        }
        unknownKeys(where + ": ", node, kind.ruleKeys());
        ObjectNode base = ((ObjectNode) node).deepCopy();
        base.remove("overrides");
        if (!base.has("repeat-interval") && defaultRepeat != null) {
            base.set("repeat-interval", defaultRepeat);
        }
        return new RuleDefinition(where, name, kind, base, overrides(where, kind, node.get("overrides")));
    }

    private List<RuleDefinition.Override> overrides(String where, RuleKind kind, JsonNode list) {
        List<RuleDefinition.Override> overrides = new ArrayList<>();
        if (list == null) {
            return overrides;
        }
        if (!list.isArray()) {
            problems.add(where + ": overrides: must be a list, each with a location or a device");
            return overrides;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = where + ".overrides[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(at + ": must be a mapping with a location or a device and the keys it changes");
                continue;
            }
            boolean byDevice = node.has("device");
            if (byDevice == node.has("location")) {
                problems.add(at + ": name exactly one of location or device");
                continue;
            }
            RuleDefinition.Selector selector = byDevice ? RuleDefinition.Selector.DEVICE : RuleDefinition.Selector.LOCATION;
            JsonNode value = node.get(selector.key);
            if (!value.isTextual() || value.textValue().isBlank()) {
                problems.add(at + ": " + selector.key + ": must be a non-blank text, got " + RuleBuilder.quote(value));
                continue;
            }
            at = at + " (" + selector.key + " " + value.textValue() + ")";
            Set<String> allowed = new LinkedHashSet<>(kind.tunableKeys());
            allowed.add(selector.key);
            unknownKeys(at + ": ", node, allowed);
            ObjectNode fields = ((ObjectNode) node).deepCopy();
            fields.remove(selector.key);
            overrides.add(new RuleDefinition.Override(at, selector, value.textValue(), fields));
        }
        return overrides;
    }

    private void applyEnvironment(List<RuleDefinition> definitions, Map<String, String> environment) {
        Map<String, String> sorted = new TreeMap<>(environment);
        for (Map.Entry<String, String> variable : sorted.entrySet()) {
            if (!variable.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = variable.getKey().substring(ENV_PREFIX.length());
            boolean applied = false;
            for (RuleDefinition definition : definitions) {
                for (String key : definition.kind().tunableKeys()) {
                    if (rest.equals(envName(definition.name()) + "_" + envName(key))) {
                        definition.base().set(key, scalar(variable.getKey(), variable.getValue()));
                        applied = true;
                    }
                }
            }
            if (!applied) {
                problems.add(variable.getKey() + ": names no rule and key; expected " + ENV_PREFIX
                        + "<RULE>_<KEY> with RULE one of " + definitions.stream().map(d -> envName(d.name())).toList()
                        + " and KEY one the rule's kind takes, e.g. ABOVE, CLEAR, FOR, SEVERITY");
            }
        }
    }

    /** The value as YAML reads it, so that {@code 35} is a number and {@code 10m} a text. */
    private JsonNode scalar(String variable, String value) {
        try {
            JsonNode node = YAML.readTree(value);
            if (node != null && node.isValueNode()) {
                return node;
            }
        } catch (JacksonException e) {
            // not YAML: taken as the text it is
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    /** Builds the rule for every combination of its overrides that a device can meet. */
    private void checkCombinations(RuleDefinition definition) {
        List<String> found = new ArrayList<>();
        RuleBuilder.build(definition.where(), definition.kind(), definition.base(), found);
        if (!found.isEmpty()) {
            problems.addAll(found);
            return;
        }
        List<RuleDefinition.Override> locations = new ArrayList<>();
        List<RuleDefinition.Override> devices = new ArrayList<>();
        for (RuleDefinition.Override override : definition.overrides()) {
            (override.selector() == RuleDefinition.Selector.DEVICE ? devices : locations).add(override);
            ObjectNode merged = definition.fieldsFor(
                    override.selector() == RuleDefinition.Selector.DEVICE ? override.value() : null,
                    override.selector() == RuleDefinition.Selector.LOCATION ? override.value() : null);
            RuleBuilder.build(override.where(), definition.kind(), merged, found);
        }
        if (!found.isEmpty()) {
            problems.addAll(found);
            return;
        }
        for (RuleDefinition.Override location : locations) {
            for (RuleDefinition.Override device : devices) {
                RuleBuilder.build(definition.where() + " for device " + device.value() + " at location " + location.value(),
                        definition.kind(), definition.fieldsFor(device.value(), location.value()), problems);
            }
        }
    }

    private void unknownKeys(String where, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                problems.add(where + key + ": unknown key; expected one of " + String.join(", ", allowed));
            }
        }
    }

    static String envName(String text) {
        return text.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }

    /** Keeps the environment's variables for rules only, so logs can show what was overridden. */
    public static Map<String, String> ruleVariables(Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                found.put(name, value);
            }
        });
        return found;
    }
}
