package io.kedge.grafana;

import static io.kedge.grafana.GrafanaFolder.FILES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.grafana.interpolation.EnvironmentExpansion;
import io.kedge.grafana.model.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Verifies how provisioning files use Grafana's environment expansion: in every value Grafana
 * expands, a {@code $} appears only as an explicit {@code $__env{NAME}} (a bare {@code $x} would be
 * expanded too, silently, to the empty string); secrets never appear as literals; and every
 * variable is documented in the README.
 */
class EnvironmentReferencesTest {

    /** Keys whose values Grafana stores encrypted: they must come from the environment. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "authorization_credentials", "secret",
            "httpHeaderValue1", "basicAuthPassword", "token");

    @Test
    void expandedValuesUseOnlyExplicitEnvReferencesAndSecretsComeFromTheEnvironment() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, JsonNode> file : expandedTrees().entrySet()) {
            walk(file.getValue(), file.getKey().getFileName() + ":", (path, key, value) -> {
                String withoutRefs = EnvironmentExpansion.ENV_REFERENCE.matcher(value).replaceAll("");
                if (withoutRefs.contains("$")) {
                    problems.add(path + ": '$' outside $__env{...} in \"" + value + "\" (write $$ for a literal $)");
                }
                if (SECRET_KEYS.contains(key) && EnvironmentExpansion.envReferences(value).isEmpty()) {
                    problems.add(path + ": a secret must come from $__env{...}, never be written here");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyEnvironmentVariableIsDocumentedInTheReadme() {
        Set<String> names = new TreeSet<>();
        for (JsonNode tree : expandedTrees().values()) {
            walk(tree, "", (path, key, value) -> names.addAll(EnvironmentExpansion.envReferences(value)));
        }
        String readme = GrafanaFolder.readme();

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    @Test
    void expansionFollowsGrafanasRules() {
        EnvironmentExpansion env = new EnvironmentExpansion(Map.of("A", "x", "B_2", "y"));

        assertThat(env.expand("$__env{A}/grafana")).isEqualTo("x/grafana");
        assertThat(env.expand("${A}-$B_2")).isEqualTo("x-y");
        assertThat(env.expand("$__env{UNSET}")).isEmpty();
        assertThat(env.expand("cost $$5 and $$A")).isEqualTo("cost $5 and $A");
        assertThat(env.expand("/^$/")).isEqualTo("/^$/"); // '$' before a non-name character stays
        assertThat(env.expand("a${}b")).isEqualTo("ab"); // Go eats bad syntax
    }

    /**
     * The parts of each provisioning file that Grafana expands: datasource and provider files
     * whole; in alerting files everything but rule query models and annotations, which it keeps raw.
     */
    private static Map<Path, JsonNode> expandedTrees() {
        Map<Path, JsonNode> trees = new java.util.LinkedHashMap<>();
        FILES.datasources().keySet().forEach(f -> trees.put(f, Yaml.tree(f)));
        FILES.variants().keySet().forEach(f -> trees.put(f, Yaml.tree(f)));
        FILES.providers().keySet().forEach(f -> trees.put(f, Yaml.tree(f)));
        for (Path file : FILES.alerting().keySet()) {
            JsonNode tree = Yaml.tree(file).deepCopy();
            for (JsonNode group : tree.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) rule).remove("annotations");
                    for (JsonNode step : rule.path("data")) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) step).remove("model");
                    }
                }
            }
            trees.put(file, tree);
        }
        return trees;
    }

    private interface Visitor {
        void value(String path, String key, String value);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    visitor.value(path + "." + field.getKey(), field.getKey(), field.getValue().textValue());
                } else {
                    walk(field.getValue(), path + "." + field.getKey(), visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    visitor.value(path + "[" + i + "]", "", item.textValue());
                } else {
                    walk(item, path + "[" + i + "]", visitor);
                }
            }
        }
    }
}
