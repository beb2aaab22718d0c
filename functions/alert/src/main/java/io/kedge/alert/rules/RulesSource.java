package io.kedge.alert.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the rules file: the configured path, else the defaults shipped on the class path. */
public final class RulesSource {

    /** The class-path resource of the shipped rules. */
    public static final String DEFAULT_RESOURCE = "alert-rules.yaml";

    /**
     * @throws RulesException when the file cannot be read or holds invalid rules
     */
    public static RuleSet load(Optional<String> path, Map<String, String> environment) {
        if (path.isPresent()) {
            Path file = Path.of(path.get());
            try {
                return RulesFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), environment);
            } catch (IOException e) {
                throw new RulesException(file.toString(), List.of("cannot be read: " + e
                        + " (kedge.alert.rules / KEDGE_ALERT_RULES names it)"));
            }
        }
        try (InputStream in = RulesSource.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return RulesFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE,
                    environment);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + " from the class path", e);
        }
    }

    /** Where {@link #load} reads from, for logs. */
    public static String describe(Optional<String> path) {
        return path.orElse("classpath:" + DEFAULT_RESOURCE);
    }

    private RulesSource() {
    }
}
