package io.kedge.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line: {@code [target ...] [--tries N] [--seed S] [--concurrency C] [--timeout SECONDS]
 * [--out FILE]}; each flag also as {@code --name=value}. No target means all of them.
 */
record FuzzFlags(List<String> targets, long tries, long seed, int concurrency, int timeoutSeconds, String out,
                 boolean help) {

    static final List<String> TARGETS = List.of("broker", "validate", "store", "alert", "grafana");
    static final long DEFAULT_TRIES = 100_000;
    static final long DEFAULT_SEED = 20261128L;

    static FuzzFlags parse(String... args) {
        List<String> targets = new ArrayList<>();
        long tries = DEFAULT_TRIES;
        long seed = DEFAULT_SEED;
        int concurrency = 4;
        int timeout = 30;
        String out = "eventing/fuzz/target/fuzz/results.md";
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--tries" -> tries = number(name, value != null ? value : next(args, ++i, name));
                case "--seed" -> seed = number(name, value != null ? value : next(args, ++i, name));
                case "--concurrency" -> concurrency = (int) number(name, value != null ? value : next(args, ++i, name));
                case "--timeout" -> timeout = (int) number(name, value != null ? value : next(args, ++i, name));
                case "--out" -> out = value != null ? value : next(args, ++i, name);
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown flag " + arg + "; " + usage());
                    }
                    String target = arg.toLowerCase(Locale.ROOT);
                    if (target.equals("all")) {
                        targets.addAll(TARGETS);
                    } else if (!TARGETS.contains(target)) {
                        throw new IllegalArgumentException("unknown target '" + arg + "'; targets are " + TARGETS);
                    } else {
                        targets.add(target);
                    }
                }
            }
        }
        if (tries < 1) {
            throw new IllegalArgumentException("--tries must be at least 1, got " + tries);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--concurrency must be 1..64, got " + concurrency);
        }
        if (timeout < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeout);
        }
        return new FuzzFlags(targets.isEmpty() ? TARGETS : targets.stream().distinct().toList(), tries, seed, concurrency,
                timeout, out, help);
    }

    static String usage() {
        return "usage: fuzz [" + String.join("|", TARGETS) + "|all ...] [--tries N (default " + DEFAULT_TRIES
                + ")] [--seed S (default " + DEFAULT_SEED + ")] [--concurrency C (default 4)] [--timeout SECONDS (default 30)]"
                + " [--out FILE]";
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value; " + usage());
        }
        return args[i];
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'");
        }
    }
}
