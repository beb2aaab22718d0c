package io.kedge.deploy.check;

import static io.kedge.deploy.Fixtures.env;
import static io.kedge.deploy.Fixtures.image;
import static io.kedge.deploy.Fixtures.storeService;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Fixtures;
import io.kedge.deploy.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verifies that the workload checks compare a Knative Service or Deployment with the application it
 * runs: the environment it reads, the port it listens on, its health endpoints, its image, and
 * the ConfigMaps and Secrets it needs.
 */
class WorkloadChecksTest {

    private static final String STORE_IMAGE = image("kedge-store");

    private static List<String> problems(String... documents) {
        return new WorkloadChecks(Fixtures.set(documents), Repository.images(), Repository.secretExamples()).problems();
    }

    @Test
    void theStoreAsDeployedHasNoProblem() {
        assertThat(problems(storeService(STORE_IMAGE, 8082, "", "/q/health/ready"))).isEmpty();
    }

    @Test
    void aVariableTheApplicationDoesNotReadIsReported() {
        String typo = env("- {name: KEDGE_STORE_INFLUX_URLL, value: \"http://influxdb:8086\"}");

        assertThat(problems(storeService(STORE_IMAGE, 8082, typo, "/q/health/ready"))).singleElement().asString()
                .contains("environment variable KEDGE_STORE_INFLUX_URLL (http://influxdb:8086) is read by neither the application");
    }

    @Test
    void variablesOfNestedGroupsAndOfApplicationPropertiesExpressionsAreRead() {
        String known = env("""
                - {name: KEDGE_STORE_BATCH_MAX_SIZE, value: "500"}
                - {name: KEDGE_STORE_INFLUX_RETENTION_DURATION, value: 30d}
                - {name: INFLUX_URL, value: "http://influxdb:8086"}
                - {name: JAVA_MAX_MEM_RATIO, value: "50"}
                """);

        assertThat(problems(storeService(STORE_IMAGE, 8082, known, "/q/health/ready"))).isEmpty();
    }

    @Test
    void aProbeOnAnotherPathIsReported() {
        assertThat(problems(storeService(STORE_IMAGE, 8082, "", "/health"))).singleElement().asString()
                .contains("readinessProbe.httpGet.path is /health, expected /q/health/ready");
    }

    @Test
    void aDeploymentWhosePortIsNotWhereTheApplicationListensIsReported() {
        // GIVEN the store as a plain Deployment: nothing gives it PORT, so it listens on its default 8082
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: kedge-store, namespace: kedge}
                spec:
                  selector: {matchLabels: {app: store}}
                  template:
                    metadata: {labels: {app: store}}
                    spec:
                      containers:
                        - name: store
                          image: %s
                          ports: [{containerPort: 8080}]
                          resources:
                            requests: {cpu: 50m, memory: 96Mi}
                            limits: {cpu: "1", memory: 192Mi}
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                          livenessProbe: {httpGet: {path: /q/health/live, port: 8080}}
                """.formatted(STORE_IMAGE);

        assertThat(problems(deployment)).singleElement().asString()
                .contains("containerPort 8080, but the application listens on 8082 (quarkus.http.port ${PORT:8082})");
    }

    @Test
    void anImageOtherThanTheBuildProducesIsReported() {
        assertThat(problems(storeService(STORE_IMAGE.replace(":", ":9"), 8082, "", "/q/health/ready"))).singleElement()
                .asString().contains("is not what the image profile builds: " + STORE_IMAGE);
        assertThat(problems(storeService(STORE_IMAGE.replace("kedge-store", "kedge-stor"), 8082, "", "/q/health/ready")))
                .singleElement().asString().contains("names no Quarkus application");
    }

    @Test
    void secretsMustBeOptionalAndHaveAnExample() {
        String required = env("""
                - name: KEDGE_STORE_INFLUX_PASSWORD
                  valueFrom: {secretKeyRef: {name: kedge-influxdb, key: password}}
                """);
        String undocumented = env("""
                - name: KEDGE_STORE_INFLUX_TOKEN
                  valueFrom: {secretKeyRef: {name: kedge-influxdb, key: api-token, optional: true}}
                """);

        assertThat(problems(storeService(STORE_IMAGE, 8082, required, "/q/health/ready"))).singleElement().asString()
                .contains("Secret kedge-influxdb is not applied with the manifests, so the reference must be optional");
        assertThat(problems(storeService(STORE_IMAGE, 8082, undocumented, "/q/health/ready"))).singleElement().asString()
                .contains("Secret kedge-influxdb key api-token has no example in");
    }

    @Test
    void aConfigMapThatIsNotAppliedWithTheServiceIsReported() {
        String envFrom = storeService(STORE_IMAGE, 8082, "", "/q/health/ready")
                .replace("          env:\n", "          envFrom:\n            - configMapRef: {name: kedge-store}\n          env:\n");

        assertThat(problems(envFrom)).singleElement().asString().contains("envFrom: no ConfigMap kedge-store");
        String map = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kedge-store, namespace: kedge}\ndata: {KEDGE_STORE_INFLUX_API: v1}\n";
        assertThat(problems(envFrom, map)).isEmpty();
    }

    @Test
    void missingRequestsAndLimitsAreReported() {
        String bare = storeService(STORE_IMAGE, 8082, "", "/q/health/ready")
                .replace("            requests: {cpu: 50m, memory: 96Mi}\n", "")
                .replace("memory: 192Mi", "memory: 64Mi");

        assertThat(problems(bare)).containsExactlyInAnyOrder(
                "fixture.yaml: Service kedge/kedge-store: container store: resources.requests.cpu: required (the scheduler places pods by it)",
                "fixture.yaml: Service kedge/kedge-store: container store: resources.requests.memory: required (the scheduler places pods by it)");
    }
}
