package io.kedge.grafana.interpolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's expansion of provisioning values ({@code pkg/services/provisioning/values/values.go}
 * {@code interpolateValue}), against a given environment instead of the process's:
 * <ol>
 * <li>the value is split at {@code $$}, which stands for a literal {@code $};</li>
 * <li>in each part, {@code setting.ExpandVar}: {@code $__env{NAME}} and {@code ${NAME}} become the
 *     variable, {@code $__file{path}} the file's content with surrounding white space trimmed;</li>
 * <li>then Go's {@code os.ExpandEnv}: {@code $NAME} and {@code ${NAME}} become the variable, an
 *     unset variable the empty string; {@code $} before a character that starts no name stays.</li>
 * </ol>
 * Grafana applies it to datasource and dashboard-provider values and to contact-point settings;
 * it leaves alert-rule query models and annotations raw, and never touches dashboard JSON.
 */
public final class EnvironmentExpansion {

    /** {@code setting.ExpandVar}'s pattern: {@code $__<provider>{arg}} or {@code ${arg}}. */
    private static final Pattern EXPANDER = Pattern.compile("\\$(|__\\w+)\\{([^}]+)}");
    /** An explicit {@code $__env{NAME}} reference, the only form Kedge's files use. */
    public static final Pattern ENV_REFERENCE = Pattern.compile("\\$__env\\{([^}]+)}");

    private final Map<String, String> environment;

    public EnvironmentExpansion(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public String expand(String value) {
        if (value == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split("\\$\\$", -1)) {
            parts.add(expandEnv(expandVar(part)));
        }
        return String.join("$", parts);
    }

    /** The variables {@code value} refers to through {@code $__env{...}}. */
    public static List<String> envReferences(String value) {
        List<String> names = new ArrayList<>();
        Matcher matcher = ENV_REFERENCE.matcher(value == null ? "" : value);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String expandVar(String text) {
        Matcher matcher = EXPANDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String provider = matcher.group(1);
            String argument = matcher.group(2);
            String replacement = switch (provider) {
                case "", "__env" -> environment.getOrDefault(argument, "");
                case "__file" -> file(argument);
                default -> matcher.group(); // an expander this Grafana does not have: left alone
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String file(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("$__file{" + path + "}: Grafana would fail provisioning: " + e.getMessage(), e);
        }
    }

    /** Go's {@code os.Expand} with the environment as mapping. */
    private String expandEnv(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            String rest = text.substring(i + 1);
            int[] width = new int[1];
            String name = shellName(rest, width);
            if (name.isEmpty() && width[0] == 0) {
                out.append('$'); // valid syntax, no name: the dollar stays
            } else if (!name.isEmpty()) {
                out.append(environment.getOrDefault(name, ""));
            } // else invalid syntax such as "${}": Go eats it
            i += 1 + width[0];
        }
        return out.toString();
    }

    /** Go's {@code getShellName}: the name after a {@code $}, and how many characters it spans. */
    private static String shellName(String s, int[] width) {
        if (s.charAt(0) == '{') {
            if (s.length() > 2 && isShellSpecial(s.charAt(1)) && s.charAt(2) == '}') {
                width[0] = 3;
                return s.substring(1, 2);
            }
            for (int i = 1; i < s.length(); i++) {
                if (s.charAt(i) == '}') {
                    width[0] = i + 1;
                    return i == 1 ? "" : s.substring(1, i);
                }
            }
            width[0] = 1;
            return "";
        }
        if (isShellSpecial(s.charAt(0))) {
            width[0] = 1;
            return s.substring(0, 1);
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '_')) {
            i++;
        }
        width[0] = i;
        return s.substring(0, i);
    }

    private static boolean isShellSpecial(char c) {
        return "*#$@!?-".indexOf(c) >= 0 || (c >= '0' && c <= '9');
    }
}
