package io.kedge.deploy;

import io.kedge.deploy.kustomize.Kustomization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the deployment files of the repository are: {@code knative/} (its Maven parts {@code src/}
 * and {@code target/} aside) and {@code eventing/k8s/}, each with its kustomizations.
 */
public final class DeployTree {

    private static final Set<String> NOT_MANIFESTS = Set.of("src", "target", "node_modules");

    private final Path repository;

    public DeployTree(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    public Path repository() {
        return repository;
    }

    public Path knative() {
        return repository.resolve("knative");
    }

    public Path eventing() {
        return repository.resolve("eventing/k8s");
    }

    public Path examples() {
        return knative().resolve("examples");
    }

    /** The overlays to deploy: every directory of knative/overlays. */
    public List<Path> overlays() {
        try (Stream<Path> entries = Files.list(knative().resolve("overlays"))) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the overlays", e);
        }
    }

    /** Every YAML file of knative/ and eventing/k8s, in path order. */
    public List<Path> yamlFiles() {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(knative(), eventing())) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> isYaml(f) && !excluded(root, f))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return files.stream().sorted().toList();
    }

    /** Every directory holding a kustomization.yaml. */
    public List<Kustomization> kustomizations() {
        return yamlFiles().stream()
                .filter(f -> f.getFileName().toString().equals(Kustomization.FILE_NAME))
                .map(f -> Kustomization.read(f.getParent()))
                .toList();
    }

    /** The files some kustomization uses as a patch: partial resources, proven by rendering, not alone. */
    public Set<Path> patchFiles() {
        Set<Path> patches = new HashSet<>();
        for (Kustomization kustomization : kustomizations()) {
            kustomization.patches().forEach(p -> patches.add(kustomization.directory().resolve(p).normalize()));
        }
        return patches;
    }

    /** The YAML files that hold whole resources: neither a kustomization nor a patch. */
    public List<Path> resourceFiles() {
        Set<Path> patches = patchFiles();
        return yamlFiles().stream()
                .filter(f -> !f.getFileName().toString().equals(Kustomization.FILE_NAME) && !patches.contains(f))
                .toList();
    }

    /** {@code knative/base/alert-service.yaml} for messages and test names. */
    public String relative(Path file) {
        return repository.relativize(file.toAbsolutePath().normalize()).toString();
    }

    private static boolean excluded(Path root, Path file) {
        Path relative = root.relativize(file);
        for (Path part : relative) {
            if (NOT_MANIFESTS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
