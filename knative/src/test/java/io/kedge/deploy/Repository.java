package io.kedge.deploy;

import static org.assertj.core.api.Assertions.fail;

import io.kedge.contract.EventTypes;
import io.kedge.deploy.check.FunctionImages;
import io.kedge.deploy.check.ManifestSet;
import io.kedge.deploy.check.SecretExamples;
import io.kedge.deploy.kustomize.KustomizeRenderer;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ManifestReader;
import io.kedge.deploy.modules.AppModules;
import io.kedge.deploy.schema.SchemaValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The repository's deployment files as the tests see them, each read, rendered or validated once
 * per test JVM. Maven runs the tests in knative/, so the repository is its parent.
 */
public final class Repository {

    public static final DeployTree TREE = new DeployTree(Path.of(".."));
    /** Set to true to let the tests that need kubectl, node or npm be skipped (reported as skipped) where a tool is missing. */
    public static final String ALLOW_MISSING_TOOLS = "kedge.deploy.allow-missing-tools";

    private static final ManifestReader READER = new ManifestReader();
    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> SCHEMA_PROBLEMS = new ConcurrentHashMap<>();
    private static AppModules modules;

    /** The documents of one file, failing the test on any read problem. */
    public static List<Manifest> read(Path file) {
        List<String> problems = new ArrayList<>();
        List<Manifest> manifests = read(file, problems);
        if (!problems.isEmpty()) {
            fail("%s cannot be read:%n%s", TREE.relative(file), String.join("\n", problems));
        }
        return manifests;
    }

    public static List<Manifest> read(Path file, List<String> problems) {
        try {
            return READER.read(TREE.relative(file), Files.readString(file), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl kustomize <overlay>}, once per overlay. */
    public static String rendered(Path overlay) {
        requireTool(KustomizeRenderer.KUBECTL);
        return RENDERED.computeIfAbsent(overlay.toAbsolutePath().normalize(), dir -> new KustomizeRenderer().render(dir));
    }

    /** The rendered overlay's documents, failing the test on any read problem. */
    public static List<Manifest> renderedManifests(Path overlay) {
        List<String> problems = new ArrayList<>();
        List<Manifest> manifests = READER.read(KustomizeRenderer.origin(TREE.repository().relativize(overlay.toAbsolutePath()
                .normalize())), rendered(overlay), problems);
        if (!problems.isEmpty()) {
            fail("the rendered overlay %s cannot be read:%n%s", overlay, String.join("\n", problems));
        }
        return manifests;
    }

    public static ManifestSet renderedSet(Path overlay) {
        return new ManifestSet(renderedManifests(overlay));
    }

    public static synchronized AppModules modules() {
        if (modules == null) {
            modules = AppModules.scan(TREE.repository());
        }
        return modules;
    }

    public static FunctionImages images() {
        return new FunctionImages(modules());
    }

    public static SecretExamples secretExamples() {
        List<Manifest> examples = new ArrayList<>();
        try (var files = Files.list(TREE.examples())) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> examples.addAll(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecretExamples(TREE.examples(), examples);
    }

    public static Set<String> contractTypes() {
        return Set.copyOf(EventTypes.ALL);
    }

    /**
     * The schema problems of each manifest, validated in one run of node for all of them the first
     * time any is asked for.
     */
    public static synchronized List<String> schemaProblems(Manifest manifest) {
        if (SCHEMA_PROBLEMS.isEmpty()) {
            requireTool(SchemaValidator.NODE);
            requireTool(SchemaValidator.NPM);
            List<Manifest> all = new ArrayList<>();
            TREE.resourceFiles().forEach(file -> all.addAll(read(file)));
            TREE.overlays().forEach(overlay -> all.addAll(renderedManifests(overlay)));
            SCHEMA_PROBLEMS.putAll(new SchemaValidator(schemaWorkDirectory()).validate(all));
        }
        List<String> problems = SCHEMA_PROBLEMS.get(manifest.describe());
        if (problems == null) {
            fail("%s was not validated", manifest.describe());
        }
        return problems;
    }

    public static Path schemaWorkDirectory() {
        return Path.of(System.getProperty("kedge.schema.work-dir", "target/schema-validator"));
    }

    /**
     * Fails when a tool is missing, so that a green run always means the check ran; with
     * {@code -Dkedge.deploy.allow-missing-tools=true} the test is skipped instead, and Maven reports it as skipped.
     */
    public static void requireTool(String tool) {
        if (ProcessRunner.onPath(tool)) {
            return;
        }
        String message = tool + " is not on the PATH; it validates the manifests offline (see knative/README.md)";
        if (Boolean.getBoolean(ALLOW_MISSING_TOOLS)) {
            Assumptions.abort(message + "; skipped because " + ALLOW_MISSING_TOOLS + "=true");
        }
        fail(message + ". Install it, or run with -D" + ALLOW_MISSING_TOOLS + "=true to skip these tests visibly.");
    }

    private Repository() {
    }
}
