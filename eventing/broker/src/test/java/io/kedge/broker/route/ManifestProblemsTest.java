package io.kedge.broker.route;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.broker.TestManifests;
import io.kedge.broker.manifest.ManifestException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies that a manifest the broker cannot honour stops the start with a message naming file, resource and field. */
class ManifestProblemsTest {

    private static final String INVALID = "src/test/resources/manifests/invalid/";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no-broker", "Trigger lab/orphan", "spec.broker: required"),
                Arguments.of("no-subscriber", "Trigger lab/deaf", "spec.subscriber: required"),
                Arguments.of("unresolvable-ref", "Trigger lab/lost",
                        "spec.subscriber.ref: cannot resolve Service \"nowhere\": set KEDGE_SERVICE_NOWHERE or add 'nowhere=<url>'"),
                Arguments.of("relative-uri-without-ref", "Trigger lab/relative",
                        "spec.subscriber.uri: \"/update\" is not an absolute http(s) URL"),
                Arguments.of("bad-duration", "Trigger lab/impatient",
                        "spec.delivery.backoffDelay: \"0.5s\" is not an ISO-8601 duration"),
                Arguments.of("bad-backoff-policy", "Trigger lab/random-wait",
                        "spec.delivery.backoffPolicy: \"random\" is not linear or exponential"),
                Arguments.of("retry-not-a-number", "Trigger lab/stubborn", "spec.delivery.retry: "),
                Arguments.of("unknown-broker", "Trigger lab/misdirected",
                        "spec.broker: no Broker \"kafka-main\" in namespace lab"),
                Arguments.of("bad-attribute-name", "Trigger lab/shouty",
                        "spec.filter.attributes: Invalid attribute name: \"Type\""),
                Arguments.of("misspelt-filter", "Trigger lab/typo", "spec.filter.attribute: unknown field"),
                Arguments.of("cesql-filter", "Trigger lab/sql",
                        "spec.filters[0].cesql: CloudEvents SQL (cesql) is not supported yet by the local broker"),
                Arguments.of("two-dialects-in-one-element", "Trigger lab/crowded",
                        "spec.filters[0]: multiple dialects found (exact, suffix), filters can have only one dialect set"),
                Arguments.of("nested-empty-prefix", "Trigger lab/hollow", "spec.filters[1].any[0].prefix: empty"),
                Arguments.of("unknown-dialect", "Trigger lab/regular", "spec.filters[0].not.regex: unknown filter dialect"),
                Arguments.of("ignored-filter-still-validated", "Trigger lab/shadowed",
                        "spec.filter.attributes: Invalid attribute name: \"Type\""),
                Arguments.of("duplicate-key", "", "not valid YAML: duplicate key 'exact' (line 19)"),
                Arguments.of("old-api-version", "Trigger lab/vintage",
                        "apiVersion: \"eventing.knative.dev/v1beta1\" is not supported"),
                Arguments.of("broken-yaml", "", "not valid YAML"),
                Arguments.of("duplicate-trigger", "Trigger lab/twin", "metadata.name: trigger lab/twin is also defined in"),
                Arguments.of("unresolvable-dead-letter-sink", "Trigger lab/careful",
                        "spec.delivery.deadLetterSink.ref: cannot resolve Service \"kedge-dlq\""));
    }

    @ParameterizedTest(name = "{0} fails naming {1} and {2}")
    @MethodSource("cases")
    void unusableManifestFailsNamingFileResourceAndField(String dir, String resource, String field) {
        String file = INVALID + dir + "/trigger.yaml";

        assertThatThrownBy(() -> TestManifests.load(INVALID + dir, Map.of()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(file + ": " + resource)
                .hasMessageContaining(field);
    }

    @Test
    void missingDirectoryNamesTheSettingToFix() {
        assertThatThrownBy(() -> TestManifests.load("no/such/dir", Map.of()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("no/such/dir does not exist")
                .hasMessageContaining("KEDGE_BROKER_MANIFESTS");
    }
}
