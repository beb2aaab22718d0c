package io.kedge.deploy.check;

import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kedge.deploy.manifest.Manifest;
import java.util.List;
import java.util.Map;

/**
 * The pod template of a Knative Service or a Deployment, seen alike: a Knative revision spec is a
 * pod spec with a few fields of its own.
 *
 * @param annotations the template's annotations (Knative's autoscaling settings live there)
 * @param knative     a Knative Service, which Knative gives {@code PORT} and scales by request
 */
public record Workload(Manifest manifest, boolean knative, Map<String, String> annotations, List<Container> containers,
                       List<Volume> volumes, Map<String, String> nodeSelector) {

    static Workload of(Service service, Manifest manifest) {
        RevisionTemplateSpec template = service.getSpec() == null ? null : service.getSpec().getTemplate();
        RevisionSpec spec = template == null || template.getSpec() == null ? new RevisionSpec() : template.getSpec();
        return new Workload(manifest, true, annotations(template == null ? null : template.getMetadata()),
                list(spec.getContainers()), list(spec.getVolumes()), map(spec.getNodeSelector()));
    }

    static Workload of(Deployment deployment, Manifest manifest) {
        PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
        return new Workload(manifest, false, annotations(template == null ? null : template.getMetadata()),
                list(spec.getContainers()), list(spec.getVolumes()), map(spec.getNodeSelector()));
    }

    public String describe() {
        return manifest.describe();
    }

    private static Map<String, String> annotations(ObjectMeta metadata) {
        return metadata == null || metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> map(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
