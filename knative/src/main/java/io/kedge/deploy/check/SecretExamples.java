package io.kedge.deploy.check;

import io.fabric8.kubernetes.api.model.Secret;
import io.kedge.deploy.manifest.Manifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The example Secrets (placeholders only) that document every Secret the workloads reference. */
public final class SecretExamples {

    private final Path directory;
    private final Map<String, Set<String>> keysByName = new LinkedHashMap<>();

    public SecretExamples(Path directory, List<Manifest> examples) {
        this.directory = directory;
        for (Manifest manifest : examples) {
            if (manifest.resource() instanceof Secret secret) {
                Set<String> keys = new TreeSet<>();
                if (secret.getData() != null) {
                    keys.addAll(secret.getData().keySet());
                }
                if (secret.getStringData() != null) {
                    keys.addAll(secret.getStringData().keySet());
                }
                keysByName.put(manifest.name(), keys);
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** Whether an example Secret of this name exists, with this key ({@code null}: any). */
    public boolean has(String name, String key) {
        Set<String> keys = keysByName.get(name);
        return keys != null && (key == null || keys.contains(key));
    }
}
