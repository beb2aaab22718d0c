package io.kedge.deploy.check;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ModelTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resources that are applied together (a rendered overlay), with lookups by reference. */
public final class ManifestSet {

    private final List<Manifest> manifests;

    public ManifestSet(List<Manifest> manifests) {
        this.manifests = manifests.stream().filter(m -> m.resource() != null).toList();
    }

    public List<Manifest> all() {
        return manifests;
    }

    public List<Manifest> of(String apiVersion, String kind) {
        return manifests.stream().filter(m -> m.is(apiVersion, kind)).toList();
    }

    public Optional<Manifest> find(String apiVersion, String kind, String namespace, String name) {
        return manifests.stream()
                .filter(m -> m.is(apiVersion, kind) && m.namespace().equals(namespace) && m.name().equals(name))
                .findFirst();
    }

    /** Knative Services and Deployments, with their pod templates. */
    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Manifest manifest : of(ModelTypes.SERVING, "Service")) {
            workloads.add(Workload.of(manifest.as(io.fabric8.knative.serving.v1.Service.class), manifest));
        }
        for (Manifest manifest : of(ModelTypes.APPS, "Deployment")) {
            workloads.add(Workload.of(manifest.as(Deployment.class), manifest));
        }
        return workloads;
    }

    /**
     * Adds a problem unless the destination is an absolute URI or a ref to a resource of this set.
     *
     * @param namespace the namespace a ref without one means (the referring resource's)
     */
    public void requireDestination(Destination destination, String field, String namespace, List<String> problems) {
        if (destination == null || (destination.getRef() == null && isBlank(destination.getUri()))) {
            problems.add(field + ": required; set ref or uri");
            return;
        }
        if (destination.getRef() == null) {
            try {
                if (!new URI(destination.getUri().strip()).isAbsolute()) {
                    problems.add(field + ".uri: " + quote(destination.getUri()) + " is not absolute and has no ref to resolve against");
                }
            } catch (URISyntaxException e) {
                problems.add(field + ".uri: " + quote(destination.getUri()) + " is not a URI: " + e.getReason());
            }
            return;
        }
        requireRef(destination.getRef(), field + ".ref", namespace, problems);
    }

    public void requireRef(KReference ref, String field, String namespace, List<String> problems) {
        String refNamespace = isBlank(ref.getNamespace()) ? namespace : ref.getNamespace();
        if (find(nonNull(ref.getApiVersion()), nonNull(ref.getKind()), refNamespace, nonNull(ref.getName())).isEmpty()) {
            problems.add(field + ": no " + ref.getApiVersion() + " " + ref.getKind() + " " + refNamespace + "/" + ref.getName()
                    + " among the resources applied with it");
        }
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    static String nonNull(String text) {
        return text == null ? "" : text;
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }
}
