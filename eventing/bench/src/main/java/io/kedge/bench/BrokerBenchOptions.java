package io.kedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flags of {@link BrokerBench}. Defaults fit a 2-core machine: about two minutes for the whole run.
 *
 * @param rates          offered loads in events/s, tried in order until one saturates the broker
 * @param step           measured duration of each step
 * @param warmup         unmeasured lead-in at the step's rate before each measurement
 * @param jitWarmup      unmeasured load at the first rate before the first step, so the JIT compiles the hot paths
 * @param connections    HTTP connections to the broker at most (also the burst's requests in flight)
 * @param maxOutstanding requests awaiting an answer at most during a step
 * @param requestTimeout a request without an answer for this long counts as a transport error
 * @param burst          events of the burst phase; 0 skips it
 * @param maxP99         a step whose p99 exceeds this is saturated
 * @param drainTimeout   how long to wait after a step or the burst for every accepted event to arrive
 * @param settle         wait after the burst's drain before the "after" RSS is read
 * @param out            the markdown results file
 * @param brokerJar      the broker's {@code quarkus-run.jar}
 * @param brokerJvm      JVM options of the broker process
 * @param brokerEnv      extra environment of the broker process (e.g. {@code KEDGE_BROKER_QUEUE_CAPACITY})
 * @param calibrate      no broker: the load goes straight to the no-op subscriber, which measures the benchmark's own ceiling
 */
record BrokerBenchOptions(
        List<Integer> rates,
        Duration step,
        Duration warmup,
        Duration jitWarmup,
        int connections,
        int maxOutstanding,
        Duration requestTimeout,
        long burst,
        Duration maxP99,
        Duration drainTimeout,
        Duration settle,
        Path out,
        Path brokerJar,
        List<String> brokerJvm,
        Map<String, String> brokerEnv,
        boolean calibrate,
        boolean help,
        List<String> arguments) {

    static final String DEFAULT_RATES = "1000,2000,5000,10000,15000,20000,25000,30000,40000,50000";
    /** The launcher's JVM options for every app (./kedge up), so the bench measures the broker as it runs there. */
    static final String LAUNCHER_JVM = "-XX:+UseSerialGC -Xmx128m";

    static String usage() {
        return """
                Usage: java -jar eventing/bench/target/kedge-bench.jar [flags]   (or ./kedge bench broker [flags])

                Starts the real broker with a no-op subscriber, offers stepped open-loop loads until the
                broker saturates, then a burst; prints a markdown table and writes it to --out.

                  --rates LIST          offered events/s per step, comma-separated (default %s)
                  --step DURATION       measured time per step (default 10s)
                  --warmup DURATION     unmeasured lead-in of each step at its rate (default 2s)
                  --jit-warmup DURATION unmeasured load at the first rate before the first step (default 10s)
                  --connections N       HTTP connections to the broker, and burst requests in flight (default 32)
                  --max-outstanding N   requests awaiting an answer at most during a step (default 10000)
                  --request-timeout D   a request unanswered this long is an error (default 30s)
                  --burst N             events of the burst phase, 0 to skip (default 100000)
                  --max-p99 DURATION    a step with a higher p99 counts as saturated (default 500ms)
                  --drain-timeout D     wait for accepted events to arrive after a step or the burst (default 60s)
                  --settle DURATION     wait after the burst's drain before reading the "after" RSS (default 2s)
                  --out FILE            results file (default eventing/bench/target/bench/broker.md,
                                        calibration.md with --calibrate)
                  --broker-jar FILE     broker fast-jar (default eventing/broker/target/quarkus-app/quarkus-run.jar)
                  --broker-jvm "OPTS"   broker JVM options (default $KEDGE_JAVA_OPTS, else "%s")
                  --broker-env K=V      extra broker environment, repeatable (e.g. KEDGE_BROKER_QUEUE_CAPACITY=50000)
                  --calibrate           no broker: load straight to the no-op subscriber (the bench's own ceiling)
                  --help                this text

                Durations: 10s, 500ms, 2m, or plain seconds.
                """.formatted(DEFAULT_RATES, LAUNCHER_JVM);
    }

    /**
     * @param root        the repository checkout the defaults are relative to
     * @param environment for {@code KEDGE_JAVA_OPTS}
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static BrokerBenchOptions parse(List<String> args, Path root, Map<String, String> environment) {
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, String> brokerEnv = new LinkedHashMap<>();
        boolean calibrate = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--calibrate")) {
                calibrate = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; flags start with --");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
            }
            if (name.equals("broker-env")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--broker-env wants KEY=VALUE, got \"" + value + "\"");
                }
                brokerEnv.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                single.put(name, value);
            }
        }
        String jvm = single.getOrDefault("broker-jvm",
                environment.getOrDefault("KEDGE_JAVA_OPTS", LAUNCHER_JVM));
        return new BrokerBenchOptions(
                rates(single.getOrDefault("rates", DEFAULT_RATES)),
                duration("step", single.getOrDefault("step", "10s"), false),
                duration("warmup", single.getOrDefault("warmup", "2s"), true),
                duration("jit-warmup", single.getOrDefault("jit-warmup", "10s"), true),
                positive("connections", single.getOrDefault("connections", "32")),
                positive("max-outstanding", single.getOrDefault("max-outstanding", "10000")),
                duration("request-timeout", single.getOrDefault("request-timeout", "30s"), false),
                count("burst", single.getOrDefault("burst", "100000")),
                duration("max-p99", single.getOrDefault("max-p99", "500ms"), false),
                duration("drain-timeout", single.getOrDefault("drain-timeout", "60s"), false),
                duration("settle", single.getOrDefault("settle", "2s"), true),
                path(root, single.getOrDefault("out", calibrate
                        ? "eventing/bench/target/bench/calibration.md" : "eventing/bench/target/bench/broker.md")),
                path(root, single.getOrDefault("broker-jar", "eventing/broker/target/quarkus-app/quarkus-run.jar")),
                jvm.isBlank() ? List.of() : Arrays.asList(jvm.trim().split("\\s+")),
                Map.copyOf(brokerEnv),
                calibrate,
                help,
                List.copyOf(args));
    }

    private static final List<String> KNOWN = List.of("rates", "step", "warmup", "jit-warmup", "connections",
            "max-outstanding", "request-timeout", "burst", "max-p99", "drain-timeout", "settle", "out", "broker-jar",
            "broker-jvm", "broker-env");

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

    private static int positive(String flag, String text) {
        long value = count(flag, text);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + flag + ": \"" + text + "\" is not a positive number");
        }
        return (int) value;
    }

    private static long count(String flag, String text) {
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

    private static Path path(Path root, String text) {
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
