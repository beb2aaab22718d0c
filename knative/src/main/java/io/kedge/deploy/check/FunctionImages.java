package io.kedge.deploy.check;

import io.fabric8.kubernetes.api.model.Container;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.modules.AppModule;
import io.kedge.deploy.modules.AppModules;
import io.kedge.deploy.modules.Pom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images the root pom's {@code image} profile builds, {@code <registry>/<group>/<artifactId>:<tag>}
 * from the properties {@code kedge.image.*}, and the modules they are built from.
 */
public final class FunctionImages {

    public static final String PROFILE = "image";
    public static final String JIB_EXTENSION = "io.quarkus:quarkus-container-image-jib";
    public static final List<String> PLATFORMS = List.of("linux/arm64", "linux/amd64");

    private final AppModules modules;
    private final String repository;
    private final String tag;

    public FunctionImages(AppModules modules) {
        this.modules = modules;
        Pom root = modules.root();
        Map<String, String> properties = root.properties();
        this.repository = properties.getOrDefault("kedge.image.registry", "") + "/" + properties.getOrDefault("kedge.image.group", "")
                + "/";
        this.tag = properties.getOrDefault("kedge.image.tag", "").replace("${project.version}", root.version());
    }

    /** {@code registry.local/kedge/kedge-store:0.1.0-SNAPSHOT} for artifactId {@code kedge-store}. */
    public String imageOf(String artifactId) {
        return repository + artifactId + ":" + tag;
    }

    /** Whether an image is one of ours (built from a module), whatever its tag. */
    public boolean isOurs(String image) {
        return image != null && image.startsWith(repository);
    }

    public Optional<AppModule> moduleOfImage(String image) {
        if (!isOurs(image)) {
            return Optional.empty();
        }
        String rest = image.substring(repository.length());
        int colon = rest.indexOf(':');
        return modules.byArtifactId(colon < 0 ? rest : rest.substring(0, colon));
    }

    /** The module a Knative Service or Deployment runs (its first container's image), if it is ours. */
    public Optional<AppModule> moduleOf(Manifest workload) {
        return new ManifestSet(List.of(workload)).workloads().stream()
                .flatMap(w -> w.containers().stream())
                .findFirst()
                .flatMap(container -> moduleOfImage(container.getImage()));
    }

    /** Problems of one container's image: an image of ours must be exactly what the build produces. */
    public void check(Container container, List<String> problems) {
        String image = container.getImage();
        String field = "container " + container.getName() + ": image " + quote(image);
        if (image == null || image.isBlank()) {
            problems.add("container " + container.getName() + ": image required");
            return;
        }
        if (!isOurs(image)) {
            return;
        }
        Optional<AppModule> module = moduleOfImage(image);
        if (module.isEmpty()) {
            problems.add(field + " names no Quarkus application among the root pom's modules " + modules.all().keySet());
        } else if (!image.equals(imageOf(module.get().artifactId()))) {
            problems.add(field + " is not what the image profile builds: " + imageOf(module.get().artifactId()));
        }
    }

    /** Problems of the root pom's image profile: Jib, both platforms, the coordinates above. */
    public List<String> buildProblems() {
        Pom root = modules.root();
        Pom.Profile profile = root.profiles().get(PROFILE);
        if (profile == null) {
            return List.of(root.file() + ": no profile " + quote(PROFILE) + " that builds the images");
        }
        List<String> problems = new java.util.ArrayList<>();
        String where = root.file() + ": profile " + PROFILE + ": ";
        if (!profile.dependencies().contains(JIB_EXTENSION)) {
            problems.add(where + "does not add " + JIB_EXTENSION);
        }
        Map<String, String> properties = profile.properties();
        List<String> platforms = List.of(properties.getOrDefault("quarkus.jib.platforms", "").split(","));
        if (!platforms.containsAll(PLATFORMS)) {
            problems.add(where + "quarkus.jib.platforms " + platforms + " lacks one of " + PLATFORMS);
        }
        expect(properties, "quarkus.container-image.build", "true", where, problems);
        expect(properties, "quarkus.container-image.builder", "jib", where, problems);
        expect(properties, "quarkus.container-image.registry", "${kedge.image.registry}", where, problems);
        expect(properties, "quarkus.container-image.group", "${kedge.image.group}", where, problems);
        expect(properties, "quarkus.container-image.name", "${project.artifactId}", where, problems);
        expect(properties, "quarkus.container-image.tag", "${kedge.image.tag}", where, problems);
        return problems;
    }

    private static void expect(Map<String, String> properties, String key, String value, String where, List<String> problems) {
        if (!value.equals(properties.get(key))) {
            problems.add(where + key + " is " + quote(properties.get(key)) + ", expected " + quote(value));
        }
    }

    private static String quote(String value) {
        return value == null ? "unset" : "\"" + value + "\"";
    }
}
