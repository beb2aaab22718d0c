package io.kedge.deploy.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One YAML document: where it came from, the tree as written, and the typed model when its kind has
 * one (a kustomization has none).
 *
 * @param origin   the file, or {@code kubectl kustomize <dir>} for rendered output
 * @param document 1-based index of the document in its origin
 * @param node     the document as read; never modify it
 * @param resource the typed model, or {@code null} for a kustomization
 */
public record Manifest(String origin, int document, JsonNode node, HasMetadata resource) {

    public String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    public String kind() {
        return node.path("kind").asText("");
    }

    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    /** The namespace as written, {@code default} when none is (as kubectl does). */
    public String namespace() {
        String namespace = node.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? "default" : namespace;
    }

    public boolean is(String apiVersion, String kind) {
        return apiVersion().equals(apiVersion) && kind().equals(kind);
    }

    public <T extends HasMetadata> T as(Class<T> type) {
        return type.cast(resource);
    }

    /** {@code knative/base/alert-service.yaml: Service kedge/kedge-alert}, the prefix of every problem. */
    public String describe() {
        return origin + (document > 1 ? " (document " + document + ")" : "") + ": " + kind() + " " + namespace() + "/"
                + (name().isEmpty() ? "<unnamed>" : name());
    }
}
