package io.kedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a benchmark, read the same way by every benchmark: {@code --name value} or
 * {@code --name=value}, switches without a value ({@code --help} also as {@code -h}), and
 * repeatable {@code --name KEY=VALUE} flags; plus the parsers of the values, each naming the flag
 * and the bad value.
 */
final class BenchFlags {

    private final Map<String, String> values;
    private final Map<String, Map<String, String>> pairs;
    private final Set<String> switches;

    private BenchFlags(Map<String, String> values, Map<String, Map<String, String>> pairs, Set<String> switches) {
        this.values = values;
        this.pairs = pairs;
        this.switches = switches;
    }

    /**
     * @param valueFlags  names of flags that take one value (the last one given wins)
     * @param switchFlags names of flags without a value; {@code help} is always one
     * @param pairFlags   names of repeatable flags whose value is {@code KEY=VALUE}
     * @throws IllegalArgumentException for an unknown flag, a missing value, a stray argument
     */
    static BenchFlags parse(List<String> args, List<String> valueFlags, List<String> switchFlags, List<String> pairFlags) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
        Set<String> switches = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                switches.add("help");
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; flags start with --");
            }
            if (switchFlags.contains(arg.substring(2))) {
                switches.add(arg.substring(2));
                continue;
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (!valueFlags.contains(name) && !pairFlags.contains(name)) {
                    throw unknown(name);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (pairFlags.contains(name)) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--" + name + " wants KEY=VALUE, got \"" + value + "\"");
                }
                pairs.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(value.substring(0, eq), value.substring(eq + 1));
            } else if (valueFlags.contains(name)) {
                values.put(name, value);
            } else {
                throw unknown(name);
            }
        }
        return new BenchFlags(values, pairs, switches);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown flag --" + name + " (see --help)");
    }

    /** The value given for {@code name}, else {@code fallback}. */
    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean on(String switchName) {
        return switches.contains(switchName);
    }

    /** The {@code KEY=VALUE} pairs given for {@code name}, in order; empty when none. */
    Map<String, String> pairs(String name) {
        return Map.copyOf(pairs.getOrDefault(name, Map.of()));
    }

    /** Comma-separated positive rates in events/s, {@code _} allowed as a digit separator. */
    static List<Integer> rates(String text) {
        List<Integer> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim().replace("_", "");
            try {
                int rate = Integer.parseInt(trimmed);
                if (rate <= 0) {
                    throw new NumberFormatException();
                }
                rates.add(rate);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rates: \"" + part.trim() + "\" is not a positive number of events/s");
            }
        }
        return List.copyOf(rates);
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds (fractions allowed). */
    static Duration duration(String flag, String text, boolean zeroAllowed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factorMillis;
        String number;
        if (t.endsWith("ms")) {
            factorMillis = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factorMillis = 1_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factorMillis = 60_000;
            number = t.substring(0, t.length() - 1);
        } else {
            factorMillis = 1_000;
            number = t;
        }
        try {
            double value = Double.parseDouble(number);
            if (value < 0 || (value == 0 && !zeroAllowed) || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(value * factorMillis * 1_000_000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + ": \"" + text + "\" is not a "
                    + (zeroAllowed ? "" : "positive ") + "duration such as 10s, 500ms or 2m");
        }
    }

    static int positive(String flag, String text) {
        long value = count(flag, text);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + flag + ": \"" + text + "\" is not a positive number");
        }
        return (int) value;
    }

    /** A whole number of at least 0; {@code _} and {@code ,} allowed as digit separators. */
    static long count(String flag, String text) {
        try {
            long value = Long.parseLong(text.trim().replace("_", "").replace(",", ""));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + ": \"" + text + "\" is not a whole number of at least 0");
        }
    }

    /** {@code text} as given when absolute, else relative to the checkout {@code root}. */
    static Path path(Path root, String text) {
        Path path = Path.of(text);
        return path.isAbsolute() ? path : root.resolve(path).normalize();
    }

    /** The checkout holding {@code mvnw} and {@code eventing/}, from {@code start} upwards; {@code start} itself if none. */
    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("eventing"))) {
                return dir;
            }
        }
        return start.toAbsolutePath();
    }
}
