package io.kedge.broker.resolve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the Knative Services that Triggers name live on this machine. On a cluster Knative
 * resolves a {@code ref} to the Service's address; locally a name maps to a URL, first from the
 * environment variable {@code KEDGE_SERVICE_<NAME>} (upper case, '-' as '_'), then from a
 * properties file of {@code name=url} lines.
 */
public final class ServiceDirectory {

    private final Map<String, String> environment;
    private final Properties file = new Properties();
    private final Path path;
    private final boolean fileExists;

    private ServiceDirectory(Path path, Map<String, String> environment) {
        this.path = path;
        this.environment = Map.copyOf(environment);
        this.fileExists = path != null && Files.isRegularFile(path);
    }

    /**
     * @param properties the {@code name=url} file; a missing file only matters once a name is not in the environment
     * @param environment usually {@link System#getenv()}
     */
    public static ServiceDirectory load(Path properties, Map<String, String> environment) {
        ServiceDirectory directory = new ServiceDirectory(properties, environment);
        if (directory.fileExists) {
            try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                directory.file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read service directory " + properties + ": " + e.getMessage(), e);
            }
        }
        return directory;
    }

    /** {@code KEDGE_SERVICE_KEDGE_STORE} for {@code kedge-store}. */
    public static String environmentVariable(String serviceName) {
        return "KEDGE_SERVICE_" + serviceName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The URL text configured for {@code serviceName} and where it came from, if any. */
    public Optional<Entry> lookup(String serviceName) {
        String variable = environmentVariable(serviceName);
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(new Entry(fromEnvironment.trim(), "environment variable " + variable));
        }
        String fromFile = file.getProperty(serviceName);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(new Entry(fromFile.trim(), path + " entry " + serviceName));
        }
        return Optional.empty();
    }

    /** Says where a missing name could have been configured, for the start-up failure. */
    public String howToConfigure(String serviceName) {
        return "set " + environmentVariable(serviceName) + " or add '" + serviceName + "=<url>' to " + path
                + (fileExists ? "" : " (file not found; config kedge.broker.services, env KEDGE_BROKER_SERVICES)");
    }

    /** A configured URL text and the place it was read from, so that a bad one can be traced. */
    public record Entry(String url, String origin) {
    }
}
