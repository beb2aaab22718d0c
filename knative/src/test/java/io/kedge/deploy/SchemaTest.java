package io.kedge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.manifest.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies that every resource, as committed and as each overlay renders it, matches the Kubernetes
 * and Knative JSON schemas (npm kubernetes-models 5.1.0, @kubernetes-models/knative 4.0.0): types,
 * required fields, enums. Unknown fields, which the schemas let through, are refused by
 * {@link ManifestFilesTest} and {@link OverlaysTest} from the typed models.
 */
class SchemaTest {

    static Stream<Named<Path>> resourceFiles() {
        return Repository.TREE.resourceFiles().stream().map(f -> Named.of(Repository.TREE.relative(f), f));
    }

    static Stream<Named<Manifest>> renderedResources() {
        return Repository.TREE.overlays().stream()
                .flatMap(overlay -> Repository.renderedManifests(overlay).stream())
                .map(m -> Named.of(m.describe(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceFiles")
    void committedResourceMatchesItsSchema(Path file) {
        List<Manifest> manifests = Repository.read(file);

        assertThat(manifests).isNotEmpty();
        for (Manifest manifest : manifests) {
            assertThat(Repository.schemaProblems(manifest)).as(manifest.describe()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderedResources")
    void renderedResourceMatchesItsSchema(Manifest manifest) {
        assertThat(Repository.schemaProblems(manifest)).as(manifest.describe()).isEmpty();
    }
}
