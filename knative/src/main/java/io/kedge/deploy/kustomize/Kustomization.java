package io.kedge.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code kustomization.yaml} and what it references: resources (files or directories),
 * components (directories) and patch files.
 *
 * @param directory  the directory the file is in
 * @param kind       {@code Kustomization} or {@code Component}
 * @param resources  entries of {@code resources:}, as written
 * @param components entries of {@code components:}, as written
 * @param patches    {@code path:} of each entry of {@code patches:}, as written
 */
public record Kustomization(Path directory, String kind, List<String> resources, List<String> components,
                            List<String> patches) {

    public static final String FILE_NAME = "kustomization.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static Kustomization read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            JsonNode root = YAML.readTree(file.toFile());
            List<String> patches = new ArrayList<>();
            root.path("patches").forEach(patch -> {
                if (patch.hasNonNull("path")) {
                    patches.add(patch.get("path").asText());
                }
            });
            root.path("patchesStrategicMerge").forEach(patch -> patches.add(patch.asText()));
            return new Kustomization(directory, root.path("kind").asText("Kustomization"), texts(root.path("resources")),
                    texts(root.path("components")), List.copyOf(patches));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every directory at or below {@code root} that holds a kustomization.yaml. */
    public static List<Path> directoriesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals(FILE_NAME)).map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public boolean isComponent() {
        return kind.equals("Component");
    }

    /**
     * Problems of the listing: a referenced file or directory that does not exist, a referenced
     * directory without kustomization.yaml, and a YAML file of this directory that nothing lists
     * (so it would silently never be deployed).
     */
    public List<String> listingProblems() {
        List<String> problems = new ArrayList<>();
        String here = directory.resolve(FILE_NAME).toString();
        for (String entry : resources) {
            Path target = directory.resolve(entry).normalize();
            if (!Files.exists(target)) {
                problems.add(here + ": resources: " + quote(entry) + " does not exist");
            } else if (Files.isDirectory(target) && !Files.isRegularFile(target.resolve(FILE_NAME))) {
                problems.add(here + ": resources: directory " + quote(entry) + " has no " + FILE_NAME);
            }
        }
        for (String entry : components) {
            Path target = directory.resolve(entry).normalize();
            if (!Files.isRegularFile(target.resolve(FILE_NAME))) {
                problems.add(here + ": components: " + quote(entry) + " is no directory with a " + FILE_NAME);
            } else if (!read(target).isComponent()) {
                problems.add(here + ": components: " + quote(entry) + " is a Kustomization, not a Component");
            }
        }
        for (String entry : patches) {
            if (!Files.isRegularFile(directory.resolve(entry))) {
                problems.add(here + ": patches: " + quote(entry) + " does not exist");
            }
        }
        for (Path file : yamlFiles()) {
            String name = file.getFileName().toString();
            if (!resources.contains(name) && !patches.contains(name)) {
                problems.add(here + ": " + name + " is in the directory but listed under neither resources nor patches");
            }
        }
        return problems;
    }

    /** The YAML files of the directory itself, kustomization.yaml excepted. */
    public List<Path> yamlFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> isYaml(f) && !f.getFileName().toString().equals(FILE_NAME))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    public boolean isPatch(Path file) {
        return file.getParent().equals(directory) && patches.contains(file.getFileName().toString());
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return List.copyOf(texts);
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
