package io.kedge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The broker's manifests for the alert benchmark: the real files of {@code eventing/k8s} (the
 * Broker, the PingSource, and every Trigger whose subscriber is a function the benchmark runs),
 * plus two bench-only Triggers that bring fired alerts and validated readings to the benchmark's
 * subscriber, by {@code uri}. Triggers of services the benchmark does not run (aggregate, the device
 * source's actuator, ...) are left out, so that no delivery to a dead port retries beside the
 * measurement; {@link #skipped()} names them for the report.
 */
final class AlertBenchManifests {

    static final String FIRED_TRIGGER = "bench-alert-fired";
    static final String VALIDATED_TRIGGER = "bench-validated";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<String> copied = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /**
     * Writes the manifests into {@code dir}.
     *
     * @param source        {@code eventing/k8s}
     * @param services      the Knative Services the benchmark runs ({@code kedge-validate}, ...)
     * @param subscriberUrl the benchmark's subscriber, without a trailing slash
     */
    static AlertBenchManifests write(Path source, Path dir, Set<String> services, String subscriberUrl) {
        return write(source, dir, services, subscriberUrl, true);
    }

    /**
     * As {@link #write(Path, Path, Set, String)}; {@code validatedTrigger} false leaves out
     * {@code bench-validated}, whose extra delivery per reading would add to the load measured.
     */
    static AlertBenchManifests write(Path source, Path dir, Set<String> services, String subscriberUrl,
                                     boolean validatedTrigger) {
        AlertBenchManifests manifests = new AlertBenchManifests();
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> listed = Files.list(source)) {
                files = listed.filter(f -> Files.isRegularFile(f)
                        && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))).sorted().toList();
            }
            for (Path file : files) {
                if (manifests.wanted(file, services)) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                    manifests.copied.add(file.getFileName().toString());
                }
            }
            Files.writeString(dir.resolve(FIRED_TRIGGER + "-trigger.yaml"), trigger(FIRED_TRIGGER,
                    "Fired alerts go to the benchmark's subscriber, which measures reading posted -> alert fired.",
                    "io.kedge.alert.fired.v1", subscriberUrl + AlertSubscriber.FIRED_PATH));
            if (validatedTrigger) {
                Files.writeString(dir.resolve(VALIDATED_TRIGGER + "-trigger.yaml"), trigger(VALIDATED_TRIGGER,
                        "Validated readings go to the benchmark's subscriber too: the first half of the alert's path.",
                        "io.kedge.reading.validated.v1", subscriberUrl + AlertSubscriber.VALIDATED_PATH));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's manifests into " + dir, e);
        }
        return manifests;
    }

    /** Brokers, sources and the Triggers of the services that run; not Triggers of others, nor what the broker skips anyway. */
    private boolean wanted(Path file, Set<String> services) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode resource = documents.next();
                if (resource != null && !resource.isMissingNode() && !resource.isNull()) {
                    resources.add(resource);
                }
            }
        }
        for (JsonNode resource : resources) {
            if (resource.path("kind").asText().equals("Trigger")) {
                JsonNode ref = resource.path("spec").path("subscriber").path("ref");
                if (!ref.isMissingNode() && !services.contains(ref.path("name").asText())) {
                    skipped.add(resource.path("metadata").path("name").asText(file.getFileName().toString()));
                    return false;
                }
            }
        }
        return true;
    }

    private static String trigger(String name, String comment, String type, String uri) {
        return """
                # %s
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                  namespace: kedge
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: %s
                  subscriber:
                    uri: %s
                """.formatted(comment, name, type, uri);
    }

    /** Files of {@code eventing/k8s} the broker got. */
    List<String> copied() {
        return List.copyOf(copied);
    }

    /** Triggers left out because their subscriber is not run by the benchmark. */
    List<String> skipped() {
        return List.copyOf(skipped);
    }
}
