package io.kedge.deploy.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ModelTypes;
import io.kedge.deploy.modules.AppModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks of each Knative Service and Deployment against the application its image is built
 * from and against the resources applied with it: image, HTTP port, health probes, every
 * environment variable (the application must read it), ConfigMaps and Secrets referenced,
 * requests and limits.
 */
public final class WorkloadChecks {

    public static final String READY = "/q/health/ready";
    public static final String LIVE = "/q/health/live";
    /**
     * Variables read by the base image's entrypoint (run-java.sh of the UBI OpenJDK runtime images)
     * or the JVM, not by the application.
     */
    public static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO",
            "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS", "GC_CONTAINER_OPTIONS", "TZ");
    /** Settings that would move the health endpoints away from {@code /q/health} on the HTTP port. */
    private static final List<String> HEALTH_RELOCATIONS = List.of("quarkus.http.non-application-root-path",
            "quarkus.http.root-path", "quarkus.smallrye-health.root-path", "quarkus.management.enabled");
    private static final Pattern PORT_FROM_ENV = Pattern.compile("\\$\\{PORT(?::(\\d+))?}");

    private final ManifestSet set;
    private final FunctionImages images;
    private final SecretExamples secrets;

    public WorkloadChecks(ManifestSet set, FunctionImages images, SecretExamples secrets) {
        this.set = set;
        this.images = images;
        this.secrets = secrets;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : set.workloads()) {
            List<String> own = new PrefixedList(workload.describe() + ": ", problems);
            if (workload.containers().isEmpty()) {
                own.add("no container");
            }
            for (Container container : workload.containers()) {
                images.check(container, own);
                references(workload, container, own);
                resources(container, own);
                images.moduleOfImage(container.getImage()).ifPresent(module -> application(workload, container, module, own));
            }
            volumes(workload, own);
        }
        return problems;
    }

    private void application(Workload workload, Container container, AppModule module, List<String> problems) {
        String where = "container " + container.getName() + " (" + module.artifactId() + "): ";
        Map<String, String> environment = environment(workload, container);
        for (String name : environment.keySet()) {
            if (!module.readsEnvironment(name) && !RUNTIME_VARIABLES.contains(name)) {
                problems.add(where + "environment variable " + name + " (" + environment.get(name)
                        + ") is read by neither the application (its @ConfigMapping keys and application.properties) "
                        + "nor the image's entrypoint");
            }
        }
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        if (ports.size() != 1 || ports.get(0).getContainerPort() == null) {
            problems.add(where + "needs exactly one containerPort, has " + ports.size());
            return;
        }
        int port = ports.get(0).getContainerPort();
        Optional<Integer> listens = httpPort(module, environment, workload.knative() ? port : null);
        if (listens.isEmpty()) {
            problems.add(where + "cannot tell the HTTP port from quarkus.http.port " + module.property("quarkus.http.port"));
        } else if (listens.get() != port) {
            problems.add(where + "containerPort " + port + ", but the application listens on " + listens.get()
                    + " (quarkus.http.port " + module.property("quarkus.http.port").orElse("unset") + ")");
        }
        if (!module.pom().dependsOn(AppModule.HEALTH_EXTENSION)) {
            problems.add(where + module.pom().file() + " lacks " + AppModule.HEALTH_EXTENSION + ", which serves " + READY
                    + " and " + LIVE);
        }
        HEALTH_RELOCATIONS.forEach(key -> module.property(key).ifPresent(value ->
                problems.add(where + key + "=" + value + " in application.properties moves the health endpoints the probes call")));
        probe(container.getReadinessProbe(), "readinessProbe", READY, port, where, problems);
        probe(container.getLivenessProbe(), "livenessProbe", LIVE, port, where, problems);
    }

    /**
     * The port Quarkus listens on: {@code QUARKUS_HTTP_PORT} if set, else {@code quarkus.http.port},
     * whose {@code ${PORT:n}} takes Knative's {@code PORT} (the containerPort) or a {@code PORT} variable.
     */
    static Optional<Integer> httpPort(AppModule module, Map<String, String> environment, Integer knativePort) {
        if (environment.containsKey("QUARKUS_HTTP_PORT")) {
            return parse(environment.get("QUARKUS_HTTP_PORT"));
        }
        String setting = module.property("quarkus.http.port").orElse("8080");
        Matcher fromEnv = PORT_FROM_ENV.matcher(setting.strip());
        if (fromEnv.matches()) {
            if (knativePort != null) {
                return Optional.of(knativePort);
            }
            if (environment.containsKey("PORT")) {
                return parse(environment.get("PORT"));
            }
            return fromEnv.group(1) == null ? Optional.empty() : parse(fromEnv.group(1));
        }
        return parse(setting.strip());
    }

    private static void probe(Probe probe, String field, String path, int port, String where, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + field + ": required, an httpGet on " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + field + ".httpGet.path is " + probe.getHttpGet().getPath() + ", expected " + path);
        }
        var probePort = probe.getHttpGet().getPort();
        if (probePort != null && !String.valueOf(port).equals(String.valueOf(probePort.getValue()))) {
            problems.add(where + field + ".httpGet.port " + probePort.getValue() + " is not the containerPort " + port);
        }
    }

    /** Explicit env and every key of the ConfigMaps in envFrom, each with where it comes from. */
    private Map<String, String> environment(Workload workload, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : list(container.getEnvFrom())) {
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                configMap(workload.manifest(), name).ifPresent(map -> {
                    if (map.getData() != null) {
                        map.getData().keySet().forEach(key -> environment.put(key, "from ConfigMap " + name));
                    }
                });
            }
        }
        for (EnvVar variable : list(container.getEnv())) {
            environment.put(variable.getName(), variable.getValue() != null ? variable.getValue() : "from a reference");
        }
        return environment;
    }

    private void references(Workload workload, Container container, List<String> problems) {
        String where = "container " + container.getName() + ": ";
        for (EnvFromSource source : list(container.getEnvFrom())) {
            if (source.getConfigMapRef() != null && configMap(workload.manifest(), source.getConfigMapRef().getName()).isEmpty()
                    && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                problems.add(where + "envFrom: no ConfigMap " + source.getConfigMapRef().getName()
                        + " among the resources applied with it");
            }
            if (source.getSecretRef() != null) {
                secret(workload, source.getSecretRef().getName(), null, source.getSecretRef().getOptional(), where + "envFrom",
                        problems);
            }
        }
        for (EnvVar variable : list(container.getEnv())) {
            if (variable.getValueFrom() == null) {
                continue;
            }
            ConfigMapKeySelector key = variable.getValueFrom().getConfigMapKeyRef();
            if (key != null && !Boolean.TRUE.equals(key.getOptional())) {
                Optional<ConfigMap> map = configMap(workload.manifest(), key.getName());
                if (map.isEmpty() || map.get().getData() == null || !map.get().getData().containsKey(key.getKey())) {
                    problems.add(where + "env " + variable.getName() + ": no key " + key.getKey() + " in a ConfigMap "
                            + key.getName() + " among the resources applied with it");
                }
            }
            SecretKeySelector secret = variable.getValueFrom().getSecretKeyRef();
            if (secret != null) {
                secret(workload, secret.getName(), secret.getKey(), secret.getOptional(), where + "env " + variable.getName(),
                        problems);
            }
        }
    }

    /**
     * Secrets are never applied with the manifests: a reference must be optional (the application
     * runs without it) and name a Secret and key that knative/examples documents.
     */
    private void secret(Workload workload, String name, String key, Boolean optional, String field, List<String> problems) {
        if (set.find(ModelTypes.CORE, "Secret", workload.manifest().namespace(), name).isPresent()) {
            return;
        }
        if (!Boolean.TRUE.equals(optional)) {
            problems.add(field + ": Secret " + name + " is not applied with the manifests, so the reference must be optional");
        }
        if (!secrets.has(name, key)) {
            problems.add(field + ": Secret " + name + (key == null ? "" : " key " + key)
                    + " has no example in " + secrets.directory());
        }
    }

    private void volumes(Workload workload, List<String> problems) {
        for (Volume volume : workload.volumes()) {
            if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())
                    && configMap(workload.manifest(), volume.getConfigMap().getName()).isEmpty()) {
                problems.add("volume " + volume.getName() + ": no ConfigMap " + volume.getConfigMap().getName()
                        + " among the resources applied with it");
            }
            if (volume.getSecret() != null) {
                secret(workload, volume.getSecret().getSecretName(), null, volume.getSecret().getOptional(),
                        "volume " + volume.getName(), problems);
            }
        }
    }

    /** Requests and limits of CPU and memory, the memory request at most the limit. */
    private static void resources(Container container, List<String> problems) {
        String where = "container " + container.getName() + ": resources.";
        ResourceRequirements resources = container.getResources();
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                problems.add(where + "requests." + resource + ": required (the scheduler places pods by it)");
            }
            if (!limits.containsKey(resource)) {
                problems.add(where + "limits." + resource + ": required (a Pi has no memory to spare for a runaway pod)");
            }
        }
        if (requests.containsKey("memory") && limits.containsKey("memory")
                && Quantity.getAmountInBytes(requests.get("memory")).compareTo(Quantity.getAmountInBytes(limits.get("memory"))) > 0) {
            problems.add(where + "requests.memory " + requests.get("memory") + " exceeds limits.memory " + limits.get("memory"));
        }
    }

    private Optional<ConfigMap> configMap(Manifest owner, String name) {
        return set.find(ModelTypes.CORE, "ConfigMap", owner.namespace(), name).map(m -> m.as(ConfigMap.class));
    }

    private static Optional<Integer> parse(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
