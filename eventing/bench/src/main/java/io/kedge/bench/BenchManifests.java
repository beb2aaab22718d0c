package io.kedge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The broker's configuration for the benchmark, in the same Broker/Trigger YAML as
 * {@code eventing/k8s}: broker {@code kedge/default} with the same delivery defaults, and one
 * Trigger on readings whose subscriber is the benchmark's no-op subscriber, by {@code uri}.
 */
final class BenchManifests {

    static final String NAMESPACE = "kedge";
    static final String BROKER = "default";

    /** Writes {@code broker.yaml} and {@code noop-trigger.yaml} into {@code dir}. */
    static void write(Path dir, String subscriberUrl) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("broker.yaml"), """
                    # The broker under test; delivery as in eventing/k8s/broker.yaml.
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata:
                      name: %s
                      namespace: %s
                    spec:
                      delivery:
                        retry: 5
                        backoffPolicy: exponential
                        backoffDelay: PT0.2S
                        timeout: PT10S
                    """.formatted(BROKER, NAMESPACE));
            Files.writeString(dir.resolve("noop-trigger.yaml"), """
                    # Every reading goes to the benchmark's no-op subscriber, which answers 202 without a body.
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: bench-noop
                      namespace: %s
                    spec:
                      broker: %s
                      filter:
                        attributes:
                          type: io.kedge.reading.v1
                      subscriber:
                        uri: %s
                    """.formatted(NAMESPACE, BROKER, subscriberUrl));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's manifests into " + dir, e);
        }
    }

    private BenchManifests() {
    }
}
