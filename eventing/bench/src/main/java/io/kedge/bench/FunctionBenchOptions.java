package io.kedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags of the function benchmarks ({@link ValidateBench}, {@link StoreBench}): the same flags
 * with each function's defaults; the closed-loop flags belong to the store only.
 *
 * @param function       which function, with its defaults
 * @param rates          offered loads of the open-loop steps in readings/s, tried in order until one saturates
 * @param step           measured duration of each step
 * @param warmup         unmeasured lead-in at the step's rate before each measurement
 * @param jitWarmup      unmeasured closed-loop load before everything else, so the JIT compiles the hot paths
 * @param concurrency    requests in flight of the closed-loop run (store), also of the JIT warm-up
 * @param duration       how long the closed-loop run starts new requests (store); zero skips it
 * @param connections    HTTP connections to the function at most during the steps
 * @param maxOutstanding requests awaiting an answer at most during a step
 * @param requestTimeout a request without an answer for this long counts as a transport error
 * @param maxP99         a step whose p99 exceeds this is saturated
 * @param drainTimeout   how long to wait for the answers after a step or run
 * @param out            the markdown results file; the function's log goes beside it
 * @param jar            the function's {@code quarkus-run.jar}
 * @param jvm            JVM options of the function process
 * @param env            extra environment of the function process (e.g. {@code KEDGE_STORE_BATCH_WRITERS=1})
 */
record FunctionBenchOptions(
        Function function,
        List<Integer> rates,
        Duration step,
        Duration warmup,
        Duration jitWarmup,
        int concurrency,
        Duration duration,
        int connections,
        int maxOutstanding,
        Duration requestTimeout,
        Duration maxP99,
        Duration drainTimeout,
        Path out,
        Path jar,
        List<String> jvm,
        Map<String, String> env,
        boolean help,
        List<String> arguments) {

    /** The benchmarked functions, with what differs between their benchmarks. */
    enum Function {
        VALIDATE("validate", "functions/validate", "1000,2000,5000,10000,15000,20000,25000,30000,40000,50000", 32, false),
        STORE("store", "functions/store", "1000,2000,5000,10000,20000,30000,40000,50000", 64, true);

        final String name;
        final String module;
        final String rates;
        final int connections;
        final boolean closedLoop;

        Function(String name, String module, String rates, int connections, boolean closedLoop) {
            this.name = name;
            this.module = module;
            this.rates = rates;
            this.connections = connections;
            this.closedLoop = closedLoop;
        }

        Path defaultJar() {
            return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        }
    }

    /** The store's target (issue 4) is stated for this many concurrent requests. */
    static final int TARGET_CONCURRENCY = 64;

    static String usage(Function function) {
        String closedLoop = function.closedLoop ? """
                  --concurrency N       requests in flight of the closed-loop run and the JIT warm-up (default %d)
                  --duration DURATION   closed-loop run: how long new requests start, 0 to skip it (default 20s)
                """.formatted(TARGET_CONCURRENCY) : "";
        String what = function.closedLoop
                ? """
                Starts a fresh InfluxDB 1.6.7 and the real store function, posts binary-mode
                io.kedge.reading.validated.v1 events straight to it (no broker), each a point of its own:
                a closed-loop run with --concurrency requests in flight, then stepped open-loop loads until
                the store saturates. After each run it counts the points in InfluxDB: acknowledged must
                equal stored. Prints a markdown table and writes it to --out."""
                : """
                Starts the real validate function and posts binary-mode io.kedge.reading.v1 events straight
                to it (no broker), 1 in 20 implausible, in stepped open-loop loads until it saturates.
                Prints a markdown table and writes it to --out.""";
        return """
                Usage: ./kedge bench %1$s [flags]
                   (or java -cp eventing/bench/target/kedge-bench.jar io.kedge.bench.%2$s [flags])

                %3$s

                  --rates LIST          offered readings/s per step, comma-separated (default %4$s)
                  --step DURATION       measured time per step (default 10s)
                  --warmup DURATION     unmeasured lead-in of each step at its rate (default 2s)
                  --jit-warmup DURATION unmeasured closed-loop load before the first measurement (default 30s)
                %5$s  --connections N       HTTP connections to the function during the steps (default %6$d)
                  --max-outstanding N   requests awaiting an answer at most during a step (default 10000)
                  --request-timeout D   a request unanswered this long is an error (default 30s)
                  --max-p99 DURATION    a step with a higher p99 counts as saturated (default 500ms)
                  --drain-timeout D     wait for the answers after a step or run (default 30s)
                  --out FILE            results file (default eventing/bench/target/bench/%1$s.md); the
                                        function's log goes beside it (%1$s.log)
                  --jar FILE            the function's fast-jar (default %7$s)
                  --jvm "OPTS"          the function's JVM options (default $KEDGE_JAVA_OPTS, else the module's
                                        jvm.options as ./kedge up reads it, else "%8$s")
                  --env K=V             extra environment of the function, repeatable%9$s
                  --help                this text

                Durations: 10s, 500ms, 2m, or plain seconds.
                """.formatted(function.name, function == Function.STORE ? "StoreBench" : "ValidateBench", what,
                function.rates, closedLoop, function.connections, function.defaultJar(), AppJvm.LAUNCHER_DEFAULT,
                function.closedLoop ? " (e.g. KEDGE_STORE_BATCH_WRITERS=1)" : " (e.g. KEDGE_VALIDATE_MAX_AGE=1h)");
    }

    /**
     * @param root        the repository checkout the defaults are relative to
     * @param environment for {@code KEDGE_JAVA_OPTS}, and the function's {@code jvm.options} environment lines
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static FunctionBenchOptions parse(Function function, List<String> args, Path root, Map<String, String> environment) {
        List<String> valueFlags = new ArrayList<>(List.of("rates", "step", "warmup", "jit-warmup", "connections",
                "max-outstanding", "request-timeout", "max-p99", "drain-timeout", "out", "jar", "jvm"));
        if (function.closedLoop) {
            valueFlags.addAll(List.of("concurrency", "duration"));
        }
        BenchFlags flags = BenchFlags.parse(args, valueFlags, List.of(), List.of("env"));
        AppJvm jvm = AppJvm.of(root, function.module, flags.get("jvm", null), environment);
        Map<String, String> env = new LinkedHashMap<>(jvm.environment());
        env.putAll(flags.pairs("env"));
        return new FunctionBenchOptions(
                function,
                BenchFlags.rates(flags.get("rates", function.rates)),
                BenchFlags.duration("step", flags.get("step", "10s"), false),
                BenchFlags.duration("warmup", flags.get("warmup", "2s"), true),
                // 30 s, not the broker's 10: after 10 s validate still ran partly interpreted (3,300/s
                // in the warm-up, p99 5.8 ms at 1,000/s after it; after 30 s: 13,600/s and 1.6 ms)
                BenchFlags.duration("jit-warmup", flags.get("jit-warmup", "30s"), true),
                BenchFlags.positive("concurrency", flags.get("concurrency", Integer.toString(TARGET_CONCURRENCY))),
                function.closedLoop ? BenchFlags.duration("duration", flags.get("duration", "20s"), true) : Duration.ZERO,
                BenchFlags.positive("connections", flags.get("connections", Integer.toString(function.connections))),
                BenchFlags.positive("max-outstanding", flags.get("max-outstanding", "10000")),
                BenchFlags.duration("request-timeout", flags.get("request-timeout", "30s"), false),
                BenchFlags.duration("max-p99", flags.get("max-p99", "500ms"), false),
                BenchFlags.duration("drain-timeout", flags.get("drain-timeout", "30s"), false),
                BenchFlags.path(root, flags.get("out", "eventing/bench/target/bench/" + function.name + ".md")),
                BenchFlags.path(root, flags.get("jar", function.defaultJar().toString())),
                jvm.options(),
                Map.copyOf(env),
                flags.on("help"),
                List.copyOf(args));
    }

    /** How the run was started, for the report. */
    String command() {
        return ("./kedge bench " + function.name + " " + String.join(" ", arguments)).trim();
    }
}
