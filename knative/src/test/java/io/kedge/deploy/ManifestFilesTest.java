package io.kedge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.check.SecretChecks;
import io.kedge.deploy.kustomize.Kustomization;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ModelTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies that every YAML file of knative/ and eventing/k8s is what the repository says it is:
 * one resource per file, named after its role, loadable with the typed Kubernetes and Knative
 * models without an unknown field, listed by its kustomization; and that no Secret holds a
 * credential or is deployed.
 */
class ManifestFilesTest {

    /** File name endings by kind: the file names alone draw the deployment. */
    private static final Map<String, List<String>> ROLE_SUFFIXES = Map.of(
            "Service", List.of("-service.yaml"),
            "Trigger", List.of("-trigger.yaml"),
            "Broker", List.of("broker.yaml"),
            "ConfigMap", List.of("-config.yaml"),
            "Secret", List.of("-secret.yaml"),
            "Deployment", List.of("-deployment.yaml"),
            "SinkBinding", List.of("-sink-binding.yaml"),
            "PingSource", List.of("ping-source.yaml"),
            "Namespace", List.of("namespace.yaml"),
            "PersistentVolumeClaim", List.of("-claim.yaml"));

    static Stream<Named<Path>> resourceFiles() {
        return Repository.TREE.resourceFiles().stream().map(f -> Named.of(Repository.TREE.relative(f), f));
    }

    static Stream<Named<Kustomization>> kustomizations() {
        return Repository.TREE.kustomizations().stream()
                .map(k -> Named.of(Repository.TREE.relative(k.directory().resolve(Kustomization.FILE_NAME)), k));
    }

    @Test
    void findsTheDeploymentFilesOfBothTrees() {
        List<String> files = Repository.TREE.resourceFiles().stream().map(Repository.TREE::relative).toList();

        assertThat(files).contains("knative/base/validate-service.yaml", "knative/base/aggregate-service.yaml",
                "eventing/k8s/broker.yaml", "eventing/k8s/validate-trigger.yaml", "eventing/k8s/dead-letters/dead-letters-broker.yaml",
                "knative/examples/influxdb-secret.yaml");
        assertThat(files).noneMatch(f -> f.startsWith("knative/src/") || f.startsWith("knative/target/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceFiles")
    void holdsOneResourceThatLoadsWithItsTypedModel(Path file) {
        List<String> problems = new ArrayList<>();
        List<Manifest> manifests = Repository.read(file, problems);

        assertThat(problems).as("problems of %s", file).isEmpty();
        assertThat(manifests).as("resources in %s", file).hasSize(1);
        assertThat(manifests.get(0).resource()).as("a typed resource, not a kustomization").isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceFiles")
    void isNamedAfterTheRoleOfItsResource(Path file) {
        Manifest manifest = Repository.read(file).get(0);
        String name = file.getFileName().toString();

        assertThat(ROLE_SUFFIXES).as("a naming rule for kind %s", manifest.kind()).containsKey(manifest.kind());
        assertThat(ROLE_SUFFIXES.get(manifest.kind())).as("%s holds a %s", name, manifest.kind()).anyMatch(name::endsWith);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyKustomizationListsEveryFileOfItsDirectoryAndOnlyExistingOnes(Kustomization kustomization) {
        assertThat(kustomization.listingProblems()).isEmpty();
    }

    @Test
    void exampleSecretsHoldPlaceholdersOnly() {
        List<Manifest> examples = new ArrayList<>();
        Repository.TREE.resourceFiles().forEach(f -> examples.addAll(Repository.read(f)));
        List<Manifest> secrets = examples.stream().filter(m -> m.is(ModelTypes.CORE, "Secret")).toList();

        assertThat(secrets).as("example Secrets").isNotEmpty();
        assertThat(secrets).allMatch(m -> m.origin().startsWith("knative/examples/"), "Secrets live in knative/examples only");
        assertThat(SecretChecks.problems(examples)).isEmpty();
    }

    @Test
    void noKustomizationDeploysTheExampleSecrets() {
        assertThat(Repository.TREE.kustomizations())
                .noneMatch(k -> k.directory().equals(Repository.TREE.examples().toAbsolutePath().normalize()));
        for (Path overlay : Repository.TREE.overlays()) {
            assertThat(Repository.renderedManifests(overlay)).as("resources of %s", overlay)
                    .noneMatch(m -> m.is(ModelTypes.CORE, "Secret"));
        }
    }
}
