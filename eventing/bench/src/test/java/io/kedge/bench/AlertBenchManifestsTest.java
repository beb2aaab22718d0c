package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that the alert benchmark hands the broker the real manifests of the functions it runs,
 * leaves out Triggers of services it does not run, and adds its own two Triggers.
 */
class AlertBenchManifestsTest {

    @TempDir
    Path source;
    @TempDir
    Path target;

    @Test
    void keepsTheBrokerAndTheTriggersOfRunningServicesAndAddsTheBenchTriggers() throws Exception {
        Files.writeString(source.resolve("broker.yaml"), "apiVersion: eventing.knative.dev/v1\nkind: Broker\n"
                + "metadata:\n  name: default\n  namespace: kedge\n");
        Files.writeString(source.resolve("validate-trigger.yaml"), trigger("validate-readings", "kedge-validate"));
        Files.writeString(source.resolve("aggregate-trigger.yaml"), trigger("aggregate-validated", "kedge-aggregate"));
        Files.writeString(source.resolve("kustomization.yaml"), "kind: Kustomization\nresources: []\n");
        Files.writeString(source.resolve("README.md"), "not a manifest");
        Files.createDirectories(source.resolve("cluster"));
        Files.writeString(source.resolve("cluster/extra-trigger.yaml"), trigger("extra", "kedge-validate"));

        AlertBenchManifests written = AlertBenchManifests.write(source, target, Set.of("kedge-validate", "kedge-alert"),
                "http://127.0.0.1:9999");

        assertThat(written.copied()).containsExactly("broker.yaml", "kustomization.yaml", "validate-trigger.yaml");
        assertThat(written.skipped()).containsExactly("aggregate-validated");
        assertThat(target.resolve("aggregate-trigger.yaml")).doesNotExist();
        assertThat(Files.readString(target.resolve("bench-alert-fired-trigger.yaml")))
                .contains("type: io.kedge.alert.fired.v1", "uri: http://127.0.0.1:9999/fired");
        assertThat(Files.readString(target.resolve("bench-validated-trigger.yaml")))
                .contains("type: io.kedge.reading.validated.v1", "uri: http://127.0.0.1:9999/validated");
    }

    private static String trigger(String name, String service) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                  namespace: kedge
                spec:
                  broker: default
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: %s
                """.formatted(name, service);
    }
}
