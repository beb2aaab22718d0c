package io.kedge.deploy.modules;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Quarkus application of the repository as its deployment needs to know it: the pom, the keys
 * of its {@code application.properties} and of its {@code @ConfigMapping} interfaces, and from them
 * every environment variable it reads.
 */
public final class AppModule {

    public static final String HEALTH_EXTENSION = "io.quarkus:quarkus-smallrye-health";
    private static final String FUNQY_MAPPING = "quarkus.funqy.knative-events.mapping.";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)");

    private final Path directory;
    private final Pom pom;
    private final Properties properties = new Properties();
    // Parsed on first use: most modules of the repository are never deployed.
    private Set<String> configKeys;
    private Set<String> environmentPrefixes;

    AppModule(Path directory) {
        this.directory = directory;
        this.pom = Pom.read(directory.resolve("pom.xml"));
        Path file = applicationProperties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    private synchronized void parseSources() {
        if (configKeys == null) {
            ConfigMappingKeys mappings = ConfigMappingKeys.parse(directory.resolve("src/main/java"));
            configKeys = mappings.keys();
            environmentPrefixes = mappings.environmentPrefixes();
        }
    }

    public Path directory() {
        return directory;
    }

    public String artifactId() {
        return pom.artifactId();
    }

    public Pom pom() {
        return pom;
    }

    public Path applicationProperties() {
        return directory.resolve("src/main/resources/application.properties");
    }

    public boolean isQuarkusApp() {
        return pom.plugins().contains("quarkus-maven-plugin");
    }

    /** A property of application.properties as written (expressions unresolved), profile keys excluded. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.getProperty(key));
    }

    /** Keys of the {@code @ConfigMapping} interfaces, e.g. {@code kedge.alert.influx.url}. */
    public Set<String> configKeys() {
        parseSources();
        return configKeys;
    }

    /**
     * Whether the application reads an environment variable of this name: the environment form of a
     * config key (SmallRye: upper case, every other character {@code _}), a variable named in an
     * expression of application.properties ({@code ${PORT:8081}}), or one under a prefix its code reads.
     */
    public boolean readsEnvironment(String name) {
        if (environmentNames().contains(name)) {
            return true;
        }
        parseSources();
        return environmentPrefixes.stream().anyMatch(name::startsWith)
                || configKeys.stream().filter(k -> k.contains("*"))
                        .anyMatch(k -> name.startsWith(environmentName(k.substring(0, k.indexOf('*')))));
    }

    /** Every environment variable name the application reads, wildcards left out. */
    public Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        configKeys().stream().filter(k -> !k.contains("*")).map(AppModule::environmentName).forEach(names::add);
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.add(environmentName(key));
            }
            Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
            while (expression.find()) {
                String referenced = expression.group(1);
                names.add(referenced.contains(".") ? environmentName(referenced) : referenced);
            }
        }
        return names;
    }

    /** {@code quarkus.funqy.knative-events.mapping.<function>.trigger} values: event type → functions. */
    public Map<String, List<String>> funqyTriggers() {
        Map<String, List<String>> triggers = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(FUNQY_MAPPING) && key.endsWith(".trigger")) {
                String function = key.substring(FUNQY_MAPPING.length(), key.length() - ".trigger".length());
                triggers.computeIfAbsent(properties.getProperty(key).strip(), t -> new ArrayList<>()).add(function);
            }
        }
        return triggers;
    }

    /** SmallRye's environment name of a property: {@code kedge.alert.influx.url} → {@code KEDGE_ALERT_INFLUX_URL}. */
    public static String environmentName(String key) {
        StringBuilder name = new StringBuilder();
        for (char c : key.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return artifactId() + " (" + directory + ")";
    }
}
