package io.kedge.deploy.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.eventing.v1.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that reading a manifest reports what the typed models would silently drop or misread. */
class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        List<String> problems = new ArrayList<>();

        reader.read("svc.yaml", """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: kedge-store, namespace: kedge}
                spec:
                  template:
                    spec:
                      containers:
                        - name: store
                          imagee: registry.local/kedge/kedge-store:1
                """, problems);

        assertThat(problems).containsExactly(
                "svc.yaml: Service kedge/kedge-store: spec.template.spec.containers[0].imagee: unknown field");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedWithItsPath() {
        List<String> problems = new ArrayList<>();

        reader.read("t.yaml", """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t, namespace: kedge}
                spec:
                  broker: default
                  delivery: {retry: many}
                """, problems);

        assertThat(problems).singleElement().asString().startsWith("t.yaml: Trigger kedge/t: spec.delivery.retry: ");
    }

    @Test
    void aKindWithoutTypedModelIsRefused() {
        List<String> problems = new ArrayList<>();

        List<Manifest> manifests = reader.read("x.yaml", "apiVersion: example.org/v1\nkind: Gadget\nmetadata: {name: g}\n", problems);

        assertThat(manifests).isEmpty();
        assertThat(problems).singleElement().asString().contains("no typed model for apiVersion \"example.org/v1\" kind \"Gadget\"");
    }

    @Test
    void aDuplicateKeyIsRefusedAsKubectlRefusesIt() {
        List<String> problems = new ArrayList<>();

        reader.read("d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {A: x}\ndata: {B: y}\n", problems);

        assertThat(problems).singleElement().asString().contains("d.yaml: not valid YAML").contains("data");
    }

    @Test
    void documentsAreTypedAndCountedAndKustomizationsKeptAsTrees() {
        List<String> problems = new ArrayList<>();

        List<Manifest> manifests = reader.read("m.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [a.yaml]
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t, namespace: kedge}
                spec: {broker: default}
                """, problems);

        assertThat(problems).isEmpty();
        assertThat(manifests).hasSize(2);
        assertThat(manifests.get(0).resource()).isNull();
        assertThat(manifests.get(1).as(Trigger.class).getSpec().getBroker()).isEqualTo("default");
        assertThat(manifests.get(1).describe()).isEqualTo("m.yaml (document 2): Trigger kedge/t");
    }
}
