package io.kedge.deploy.modules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Quarkus applications of the repository (the modules of the root pom that build one), by artifactId. */
public final class AppModules {

    private final Pom root;
    private final Map<String, AppModule> byArtifactId = new LinkedHashMap<>();

    private AppModules(Pom root) {
        this.root = root;
    }

    public static AppModules scan(Path repository) {
        AppModules modules = new AppModules(Pom.read(repository.resolve("pom.xml")));
        for (String module : modules.root.modules()) {
            Path directory = repository.resolve(module).normalize();
            if (Files.isRegularFile(directory.resolve("pom.xml"))) {
                AppModule app = new AppModule(directory);
                if (app.isQuarkusApp()) {
                    modules.byArtifactId.put(app.artifactId(), app);
                }
            }
        }
        return modules;
    }

    public Pom root() {
        return root;
    }

    public Optional<AppModule> byArtifactId(String artifactId) {
        return Optional.ofNullable(byArtifactId.get(artifactId));
    }

    public Map<String, AppModule> all() {
        return Map.copyOf(byArtifactId);
    }
}
