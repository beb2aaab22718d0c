package io.kedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param brokerEnv      extra environment of the broker process: its {@code jvm.options} environment lines, then
 *                       {@code --broker-env} (e.g. {@code KEDGE_BROKER_QUEUE_CAPACITY})
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

    static String usage() {
        return """
                Usage: java -jar eventing/bench/target/kedge-bench.jar [flags]   (or ./kedge bench broker [flags])

                Starts the real broker with a no-op subscriber, offers stepped open-loop loads until the
                broker saturates, then a burst; prints a markdown table and writes it to --out.

                  --rates LIST          offered events/s per step, comma-separated (default %s)
                  --step DURATION       measured time per step (default 10s)
                  --warmup DURATION     unmeasured lead-in of each step at its rate (default 2s)
                  --jit-warmup DURATION unmeasured load at the first rate before the first step (default 30s:
                                        C2 compiles a method after 10,000 calls, and its arenas
                                        are trimmed once it is done)
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
                  --broker-jvm "OPTS"   broker JVM options (default $KEDGE_JAVA_OPTS, else eventing/broker/jvm.options
                                        as ./kedge up reads it, else "%s")
                  --broker-env K=V      extra broker environment, repeatable (e.g. KEDGE_BROKER_QUEUE_CAPACITY=50000)
                  --calibrate           no broker: load straight to the no-op subscriber (the bench's own ceiling)
                  --help                this text

                Durations: 10s, 500ms, 2m, or plain seconds.
                """.formatted(DEFAULT_RATES, AppJvm.LAUNCHER_DEFAULT);
    }

    /**
     * @param root        the repository checkout the defaults are relative to
     * @param environment for {@code KEDGE_JAVA_OPTS}
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static BrokerBenchOptions parse(List<String> args, Path root, Map<String, String> environment) {
        BenchFlags flags = BenchFlags.parse(args, VALUE_FLAGS, List.of("calibrate"), List.of("broker-env"));
        boolean calibrate = flags.on("calibrate");
        AppJvm jvm = AppJvm.of(root, "eventing/broker", flags.get("broker-jvm", null), environment);
        Map<String, String> brokerEnv = new LinkedHashMap<>(jvm.environment());
        brokerEnv.putAll(flags.pairs("broker-env"));
        return new BrokerBenchOptions(
                BenchFlags.rates(flags.get("rates", DEFAULT_RATES)),
                BenchFlags.duration("step", flags.get("step", "10s"), false),
                BenchFlags.duration("warmup", flags.get("warmup", "2s"), true),
                BenchFlags.duration("jit-warmup", flags.get("jit-warmup", "30s"), true),
                BenchFlags.positive("connections", flags.get("connections", "32")),
                BenchFlags.positive("max-outstanding", flags.get("max-outstanding", "10000")),
                BenchFlags.duration("request-timeout", flags.get("request-timeout", "30s"), false),
                BenchFlags.count("burst", flags.get("burst", "100000")),
                BenchFlags.duration("max-p99", flags.get("max-p99", "500ms"), false),
                BenchFlags.duration("drain-timeout", flags.get("drain-timeout", "60s"), false),
                BenchFlags.duration("settle", flags.get("settle", "2s"), true),
                BenchFlags.path(root, flags.get("out", calibrate
                        ? "eventing/bench/target/bench/calibration.md" : "eventing/bench/target/bench/broker.md")),
                BenchFlags.path(root, flags.get("broker-jar", "eventing/broker/target/quarkus-app/quarkus-run.jar")),
                jvm.options(),
                Map.copyOf(brokerEnv),
                calibrate,
                flags.on("help"),
                List.copyOf(args));
    }

    private static final List<String> VALUE_FLAGS = List.of("rates", "step", "warmup", "jit-warmup", "connections",
            "max-outstanding", "request-timeout", "burst", "max-p99", "drain-timeout", "settle", "out", "broker-jar",
            "broker-jvm");
}
