package io.kedge.deploy.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Fixtures;
import io.kedge.deploy.Repository;
import io.kedge.deploy.manifest.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verifies that the schema validation runs for real: it refuses wrong types and missing required fields. */
class SchemaValidatorTest {

    @BeforeEach
    void tools() {
        Repository.requireTool(SchemaValidator.NODE);
        Repository.requireTool(SchemaValidator.NPM);
    }

    private static Map<String, List<String>> validate(String yaml) {
        return new SchemaValidator(Repository.schemaWorkDirectory()).validate(Fixtures.manifests(yaml));
    }

    @Test
    void aPortGivenAsTextAndATriggerWithoutSubscriberAreRefused() {
        Map<String, List<String>> problems = validate("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: kedge-store, namespace: kedge}
                spec:
                  template:
                    spec:
                      containers:
                        - name: store
                          image: registry.local/kedge/kedge-store:1
                          ports: [{containerPort: "8082"}]
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t, namespace: kedge}
                spec: {broker: default}
                """);

        assertThat(problems.get("fixture.yaml: Service kedge/kedge-store"))
                .containsExactly("/spec/template/spec/containers/0/ports/0/containerPort: must be integer");
        assertThat(problems.get("fixture.yaml (document 2): Trigger kedge/t")).singleElement().asString().contains("subscriber");
    }

    @Test
    void aValidResourceHasNoProblemAndTheSinkBindingStatusIsNotRequired() {
        Map<String, List<String>> problems = validate("""
                apiVersion: sources.knative.dev/v1
                kind: SinkBinding
                metadata: {name: device-source, namespace: kedge}
                spec:
                  subject: {apiVersion: apps/v1, kind: Deployment, name: kedge-device-source}
                  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
                """);

        assertThat(problems).containsExactly(Map.entry("fixture.yaml: SinkBinding kedge/device-source", List.of()));
    }

    @Test
    void everyKindOfTheRepositoryHasASchema() {
        List<Manifest> manifests = Fixtures.manifests("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: buffer}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 128Mi}}}
                """);

        assertThat(new SchemaValidator(Repository.schemaWorkDirectory()).validate(manifests).values())
                .containsExactly(List.of());
    }
}
