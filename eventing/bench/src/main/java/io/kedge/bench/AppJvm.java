package io.kedge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the launcher ({@code ./kedge up}) starts an app's JVM, so that a benchmark measures the app
 * as it runs there: the JVM options of {@code KEDGE_JAVA_OPTS} when set, else those of the app
 * module's {@code jvm.options} file, else the launcher's default; plus the file's environment lines
 * (e.g. {@code MALLOC_ARENA_MAX=2}) that the caller's environment does not set already.
 *
 * <p>{@code jvm.options}: one JVM option per line (starting with {@code -}), or one
 * {@code NAME=value} environment variable; blank lines and {@code #} comments are skipped. The
 * launcher reads the same file the same way.
 *
 * @param options     the JVM options, in order
 * @param environment environment variables to add to the app's process
 */
record AppJvm(List<String> options, Map<String, String> environment) {

    /** The file in an app's module directory. */
    static final String FILE = "jvm.options";
    /** The launcher's options for an app without {@code jvm.options}. */
    static final String LAUNCHER_DEFAULT = "-XX:+UseSerialGC -Xmx128m";

    private static final Pattern ENVIRONMENT_LINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    AppJvm {
        options = List.copyOf(options);
        environment = Map.copyOf(environment);
    }

    /**
     * @param root        the checkout
     * @param module      the app's module, relative to {@code root} ({@code eventing/broker})
     * @param given       options from a benchmark flag, winning over everything; null when not given
     * @param callerEnv   the environment the launcher or benchmark runs in
     * @throws IllegalArgumentException naming the file and line of a line that is neither an option nor NAME=value
     */
    static AppJvm of(Path root, String module, String given, Map<String, String> callerEnv) {
        Path file = root.resolve(module).resolve(FILE);
        List<String> fileOptions = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            read(file, fileOptions, environment);
            environment.keySet().removeIf(callerEnv::containsKey);
        }
        String text = given != null ? given : callerEnv.get("KEDGE_JAVA_OPTS");
        List<String> options = text != null ? split(text)
                : fileOptions.isEmpty() ? split(LAUNCHER_DEFAULT) : fileOptions;
        return new AppJvm(options, environment);
    }

    private static void read(Path file, List<String> options, Map<String, String> environment) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String text = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("-")) {
                options.add(text);
            } else if (ENVIRONMENT_LINE.matcher(text).matches()) {
                int eq = text.indexOf('=');
                environment.put(text.substring(0, eq), text.substring(eq + 1));
            } else {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": \"" + text
                        + "\" is neither a JVM option (-...) nor an environment variable (NAME=value)");
            }
        }
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
