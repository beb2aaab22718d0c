package io.kedge.deploy.manifest;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.sources.v1.ContainerSource;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds Kedge's manifests may use, each with its typed fabric8 model. A kind not listed here is
 * refused, so that a new kind gets a model (and its cross-checks) before it gets deployed.
 */
public final class ModelTypes {

    public static final String CORE = "v1";
    public static final String APPS = "apps/v1";
    public static final String SERVING = "serving.knative.dev/v1";
    public static final String EVENTING = "eventing.knative.dev/v1";
    public static final String SOURCES = "sources.knative.dev/v1";

    /** kustomize's own files: not resources, checked by rendering them. */
    public static final Set<String> KUSTOMIZE_KINDS = Set.of("Kustomization", "Component");

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry(CORE + " Namespace", Namespace.class),
            Map.entry(CORE + " ConfigMap", ConfigMap.class),
            Map.entry(CORE + " Secret", Secret.class),
            Map.entry(CORE + " Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry(CORE + " PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry(APPS + " Deployment", Deployment.class),
            Map.entry(SERVING + " Service", io.fabric8.knative.serving.v1.Service.class),
            Map.entry(EVENTING + " Broker", Broker.class),
            Map.entry(EVENTING + " Trigger", Trigger.class),
            Map.entry(SOURCES + " PingSource", PingSource.class),
            Map.entry(SOURCES + " SinkBinding", SinkBinding.class),
            Map.entry(SOURCES + " ContainerSource", ContainerSource.class));

    public static Optional<Class<? extends HasMetadata>> of(String apiVersion, String kind) {
        return Optional.ofNullable(TYPES.get(apiVersion + " " + kind));
    }

    public static boolean isKustomize(String apiVersion, String kind) {
        return apiVersion.startsWith("kustomize.config.k8s.io/") && KUSTOMIZE_KINDS.contains(kind);
    }

    /** {@code v1 ConfigMap, apps/v1 Deployment, ...} for messages. */
    public static String known() {
        return String.join(", ", TYPES.keySet().stream().sorted().toList());
    }

    private ModelTypes() {
    }
}
