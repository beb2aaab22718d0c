package io.kedge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.check.ManifestSet;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ManifestReader;
import java.util.ArrayList;
import java.util.List;

/** Small manifests written in the tests, read the way the repository's files are. */
public final class Fixtures {

    /** The image the build produces for a module of the repository. */
    public static String image(String artifactId) {
        return Repository.images().imageOf(artifactId);
    }

    public static List<Manifest> manifests(String yaml) {
        List<String> problems = new ArrayList<>();
        List<Manifest> manifests = new ManifestReader().read("fixture.yaml", yaml, problems);
        assertThat(problems).as("the fixture itself reads cleanly").isEmpty();
        return manifests;
    }

    public static ManifestSet set(String... documents) {
        return new ManifestSet(manifests(String.join("\n---\n", documents)));
    }

    public static final String BROKER = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: {name: default, namespace: kedge}
            """;

    /** A Knative Service of the store function as knative/base has it, with the parts a test may vary. */
    public static String storeService(String image, int port, String extraEnv, String probePath) {
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: kedge-store, namespace: kedge}
                spec:
                  template:
                    metadata:
                      annotations:
                        autoscaling.knative.dev/min-scale: "0"
                        autoscaling.knative.dev/max-scale: "2"
                        autoscaling.knative.dev/target: "50"
                        autoscaling.knative.dev/scale-to-zero-pod-retention-period: 5m
                    spec:
                      containers:
                        - name: store
                          image: %s
                          ports: [{containerPort: %d}]
                          env:
                            - {name: KEDGE_STORE_INFLUX_URL, value: "http://influxdb:8086"}
                %s
                          resources:
                            requests: {cpu: 50m, memory: 96Mi}
                            limits: {cpu: "1", memory: 192Mi}
                          readinessProbe: {httpGet: {path: %s, port: %d}}
                          livenessProbe: {httpGet: {path: /q/health/live, port: %d}}
                """.formatted(image, port, extraEnv, probePath, port, port);
    }

    /** Entries of a container's {@code env:} list, indented to fit {@link #storeService}. */
    public static String env(String entries) {
        return entries.strip().lines().map(line -> "            " + line).collect(java.util.stream.Collectors.joining("\n"));
    }

    public static String trigger(String name, String type, String subscriber) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: %s, namespace: kedge}
                spec:
                  broker: default
                  filter: {attributes: {type: %s}}
                  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: %s}}
                """.formatted(name, type, subscriber);
    }

    private Fixtures() {
    }
}
