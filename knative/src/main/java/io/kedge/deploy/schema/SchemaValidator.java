package io.kedge.deploy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.deploy.ProcessRunner;
import io.kedge.deploy.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Validates resources against the Kubernetes and Knative JSON schemas of the npm packages
 * {@code kubernetes-models} 5.1.0 and {@code @kubernetes-models/knative} 4.0.0 (pinned by the
 * package-lock.json next to the script), run with Node.js. The packages are installed once into a
 * work directory with {@code npm ci}; npm's cache makes later installs offline.
 */
public final class SchemaValidator {

    public static final String NODE = "node";
    public static final String NPM = "npm";
    private static final Logger LOG = Logger.getLogger(SchemaValidator.class);
    private static final String RESOURCES = "/io/kedge/deploy/schema/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration VALIDATE_TIMEOUT = Duration.ofMinutes(2);

    private final Path workDirectory;
    private final ObjectMapper json = new ObjectMapper();

    public SchemaValidator(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /**
     * The schema problems of each manifest (empty list: valid), keyed by {@link Manifest#describe()}.
     * Kustomize files are not resources and are left out.
     */
    public Map<String, List<String>> validate(List<Manifest> manifests) {
        install();
        ArrayNode input = json.createArrayNode();
        List<Manifest> resources = manifests.stream().filter(m -> m.resource() != null).toList();
        for (Manifest manifest : resources) {
            ObjectNode entry = input.addObject();
            entry.put("id", manifest.describe());
            entry.set("resource", manifest.node());
        }
        ProcessRunner.Result result = ProcessRunner.run(List.of(NODE, "validate.mjs"), workDirectory, input.toString(),
                VALIDATE_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("node validate.mjs failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        Map<String, List<String>> problems = new LinkedHashMap<>();
        try {
            for (JsonNode entry : json.readTree(result.stdout())) {
                List<String> own = new ArrayList<>();
                entry.path("problems").forEach(p -> own.add(p.asText()));
                problems.put(entry.path("id").asText(), own);
            }
        } catch (IOException e) {
            throw new IllegalStateException("node validate.mjs printed no JSON: " + result.stdout(), e);
        }
        if (problems.size() != resources.size()) {
            throw new IllegalStateException("node validate.mjs answered " + problems.size() + " of " + resources.size()
                    + " resources (two with the same description?)");
        }
        return problems;
    }

    private synchronized void install() {
        try {
            Files.createDirectories(workDirectory);
            boolean changed = false;
            for (String file : FILES) {
                // Only the package files decide what npm installs; a new script needs no new install.
                changed |= copy(file) && file.startsWith("package");
            }
            if (changed || !Files.isDirectory(workDirectory.resolve("node_modules/kubernetes-models"))) {
                LOG.infof("installing the schema validator's npm packages into %s", workDirectory);
                ProcessRunner.Result result = ProcessRunner.run(
                        List.of(NPM, "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"),
                        workDirectory, null, INSTALL_TIMEOUT);
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + workDirectory + " failed (exit " + result.exitCode()
                            + "); the npm registry or npm's cache must hold kubernetes-models@5.1.0 and "
                            + "@kubernetes-models/knative@4.0.0: " + result.stderr().strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDirectory, e);
        }
    }

    /** @return whether the file was new or different */
    private boolean copy(String file) throws IOException {
        try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + file + " is missing from the class path");
            }
            byte[] content = in.readAllBytes();
            Path target = workDirectory.resolve(file);
            if (Files.exists(target) && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                return false;
            }
            Path temporary = Files.createTempFile(workDirectory, file, ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }
}
