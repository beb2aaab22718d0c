package io.kedge.broker.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;

/**
 * A resource together with the file it came from, so that every message can name both.
 *
 * @param document the YAML document as read, for the fields whose typed model loses what was written
 *                 (fabric8 reads {@code exact: {}} as an absent {@code exact}); never modify it
 */
public record Sourced<T extends HasMetadata>(Path file, T resource, JsonNode document) {

    /** The namespace, {@code default} when the manifest names none (as kubectl does). */
    public String namespace() {
        String namespace = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    public String name() {
        return resource.getMetadata() == null ? null : resource.getMetadata().getName();
    }

    /** {@code eventing/k8s/store-trigger.yaml: Trigger kedge/store-validated}, the prefix of every problem. */
    public String describe() {
        return file + ": " + resource.getKind() + " " + namespace() + "/" + (name() == null ? "<unnamed>" : name());
    }
}
