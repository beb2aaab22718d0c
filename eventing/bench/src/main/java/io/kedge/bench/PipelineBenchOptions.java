package io.kedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Flags of {@link PipelineBench}. Defaults: steps of 100, 500, 1,000, 2,000, 5,000 and 10,000
 * readings/s, 10 s each, half over MQTT and half over HTTP, after 30 s of warm-up at 500/s; each
 * step drained (every reading sent counted in InfluxDB) before the next; then a burst of 50,000
 * readings at 10,000/s, drained within 600 s. About 5 to 8 minutes with the start of eight
 * processes. {@code --edge} runs the same against the single-process edge app.
 *
 * @param rates           readings/s offered, one step each, open loop
 * @param step            how long each step offers its rate
 * @param warmup          unmeasured load first, so that every JVM compiles its hot paths
 * @param warmupRate      readings/s of the warm-up
 * @param mqttShare       share of the readings published over MQTT (QoS 1) instead of posted to the broker
 * @param alertsPerSecond firing readings per second (one in rate/this, at least one in 10)
 * @param probesPerSecond readings per second whose arrival in InfluxDB is timed
 * @param pollEvery       pause between two InfluxDB queries for the probes
 * @param connections     HTTP connections to the broker at most
 * @param mqttConnections MQTT connections (gateways) the readings are spread over
 * @param requestTimeout  a request or publish unanswered this long counts as an error
 * @param drainTimeout    how long a step may take to be stored after its last reading
 * @param stall           the drain gives up earlier when InfluxDB gained nothing for this long
 * @param maxP99          a step whose sample → stored p99 is above this is saturated
 * @param keepGoing       run every step, also after one saturated
 * @param burst           readings of the burst phase after the steps; 0 skips it
 * @param burstRate       readings/s offered during the burst, open loop
 * @param burstDrainTimeout how long the burst may take to be stored after its last reading
 * @param burstSettle     the pause after the burst's drain before the "after" memory is read
 * @param out             the markdown results file; the apps' logs go beside it
 * @param plot            the PNG plot
 * @param jars            each app's {@code quarkus-run.jar}
 * @param jvms            each app's JVM options and environment, as {@code ./kedge up} starts it
 * @param mode            the six apps of {@code ./kedge up}, or the edge app of {@code ./kedge up --edge}
 * @param edgeJar         the edge app's {@code quarkus-run.jar}
 * @param edgeJvm         the edge app's JVM options and environment, as {@code ./kedge up --edge} starts it
 * @param env             extra environment of every app
 */
record PipelineBenchOptions(
        List<Integer> rates,
        Duration step,
        Duration warmup,
        int warmupRate,
        double mqttShare,
        int alertsPerSecond,
        int probesPerSecond,
        Duration pollEvery,
        int connections,
        int mqttConnections,
        Duration requestTimeout,
        Duration drainTimeout,
        Duration stall,
        Duration maxP99,
        boolean keepGoing,
        long burst,
        int burstRate,
        Duration burstDrainTimeout,
        Duration burstSettle,
        Path out,
        Path plot,
        Map<StackApp, Path> jars,
        Map<StackApp, AppJvm> jvms,
        PipelineMode mode,
        Path edgeJar,
        AppJvm edgeJvm,
        Map<String, String> env,
        boolean help,
        List<String> arguments) {

    static final String DEFAULT_RATES = "100,500,1000,2000,5000,10000";
    /** The single-process edge app's module: its jar and its {@code jvm.options}. */
    static final String EDGE_MODULE = "eventing/edge";

    static String usage() {
        return """
                Usage: ./kedge bench pipeline [flags]     (also plain ./kedge bench)
                   (or java -cp eventing/bench/target/kedge-bench.jar io.kedge.bench.PipelineBench [flags])

                The whole local stack end to end, as ./kedge up runs it: a fresh InfluxDB 1.6.7 and Mosquitto,
                the broker on eventing/k8s (plus one bench Trigger for fired alerts), validate, store, alert,
                aggregate and the device source with its MQTT bridge on (no sensor). Readings go in over MQTT
                (QoS 1, kedge/<device>/reading, to the device source's bridge) and over HTTP (binary mode, to
                the broker), open loop, in steps of offered load until one saturates. Per step: readings/s
                stored (counted in InfluxDB), sample -> stored p50/p95/p99 (probe readings, InfluxDB polled),
                reading -> alert at a subscriber, sent vs stored, RSS of each process, CPU per reading.
                Then a burst (--burst readings at --burst-rate/s, split as the steps): sent vs stored, how
                long until all stored, and each process's RSS before -> peak -> after ("flat": after within
                10 %% of before, every reading stored).
                Writes a markdown table to --out and a PNG plot to --plot.

                --edge runs the same load against the single-process edge app instead, as ./kedge up --edge
                runs it (eventing/edge: device source with its MQTT bridge, broker and every function in one
                JVM, options of eventing/edge/jvm.options): InfluxDB, Mosquitto and that one process.

                  --rates LIST            readings/s per step (default %s)
                  --step DURATION         each step's length (default 10s)
                  --warmup DURATION       unmeasured load first, for the JIT (default 30s; 0 skips it)
                  --warmup-rate N         readings/s of the warm-up (default 500)
                  --mqtt-share F          share of readings over MQTT, 0 to 1 (default 0.5)
                  --alerts-per-second N   firing readings per second, each on a new device (default 10)
                  --probes-per-second N   readings per second timed into InfluxDB (default 50)
                  --poll-every DURATION   pause between two probe queries to InfluxDB (default 5ms)
                  --connections N         HTTP connections to the broker (default 32)
                  --mqtt-connections N    MQTT connections the readings are spread over (default 4)
                  --request-timeout D     a request or publish unanswered this long is an error (default 30s)
                  --drain-timeout D       how long a step may take to be stored after its end (default 180s)
                  --stall D               ... or until InfluxDB gained nothing for this long (default 30s)
                  --max-p99 D             a step with sample -> stored p99 above this is saturated (default 500ms)
                  --keep-going            run every step, also after a saturated one
                  --burst N               readings of the burst after the steps, 0 skips it (default 50000):
                                          RSS of each process before, at peak and after, drained into InfluxDB
                  --burst-rate N          readings/s offered during the burst, open loop (default 10000)
                  --burst-drain-timeout D how long the burst may take to be stored after its end (default 600s;
                                          --stall applies as well)
                  --burst-settle D        pause after the burst's drain before the "after" RSS (default 5s)
                  --out FILE              results (default eventing/bench/target/bench/pipeline.md, with --edge
                                          pipeline-edge.md); logs beside it
                  --plot FILE             PNG plot (default: --out with .png)
                  --broker-jvm "OPTS"     the broker's JVM options (default as ./kedge up)
                  --functions-jvm "OPTS"  the other apps' JVM options (default as ./kedge up, per module)
                  --edge                  the single-process edge app instead of the six processes
                  --edge-jvm "OPTS"       the edge app's JVM options (default as ./kedge up --edge:
                                          KEDGE_JAVA_OPTS, else eventing/edge/jvm.options)
                  --env K=V               extra environment of every app, repeatable
                  --help                  this text

                Durations: 10s, 500ms, 2m, or plain seconds.
                """.formatted(DEFAULT_RATES);
    }

    /**
     * @param root        the repository checkout the defaults are relative to
     * @param environment for {@code KEDGE_JAVA_OPTS}, and what the modules' {@code jvm.options} add to it
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static PipelineBenchOptions parse(List<String> args, Path root, Map<String, String> environment) {
        BenchFlags flags = BenchFlags.parse(args, List.of("rates", "step", "warmup", "warmup-rate", "mqtt-share",
                "alerts-per-second", "probes-per-second", "poll-every", "connections", "mqtt-connections",
                "request-timeout", "drain-timeout", "stall", "max-p99", "burst", "burst-rate", "burst-drain-timeout",
                "burst-settle", "out", "plot", "broker-jvm", "functions-jvm",
                "edge-jvm"), List.of("keep-going", "edge"), List.of("env"));
        PipelineMode mode = flags.on("edge") ? PipelineMode.EDGE : PipelineMode.APPS;
        refuseOtherModesJvm(flags, mode);
        List<StackApp> apps = List.of(StackApp.values());
        Map<StackApp, Path> jars = StackApp.jars(apps, root);
        Map<StackApp, AppJvm> jvms = StackApp.jvms(apps, root, flags, environment);
        Path out = BenchFlags.path(root, flags.get("out", mode.defaultOut()));
        String plot = flags.get("plot", null);
        return new PipelineBenchOptions(
                BenchFlags.rates(flags.get("rates", DEFAULT_RATES)),
                BenchFlags.duration("step", flags.get("step", "10s"), false),
                BenchFlags.duration("warmup", flags.get("warmup", "30s"), true),
                BenchFlags.positive("warmup-rate", flags.get("warmup-rate", "500")),
                share(flags.get("mqtt-share", "0.5")),
                BenchFlags.positive("alerts-per-second", flags.get("alerts-per-second", "10")),
                BenchFlags.positive("probes-per-second", flags.get("probes-per-second", "50")),
                BenchFlags.duration("poll-every", flags.get("poll-every", "5ms"), true),
                BenchFlags.positive("connections", flags.get("connections", "32")),
                BenchFlags.positive("mqtt-connections", flags.get("mqtt-connections", "4")),
                BenchFlags.duration("request-timeout", flags.get("request-timeout", "30s"), false),
                BenchFlags.duration("drain-timeout", flags.get("drain-timeout", "180s"), false),
                BenchFlags.duration("stall", flags.get("stall", "30s"), false),
                BenchFlags.duration("max-p99", flags.get("max-p99", "500ms"), false),
                flags.on("keep-going"),
                BenchFlags.count("burst", flags.get("burst", "50000")),
                BenchFlags.positive("burst-rate", flags.get("burst-rate", "10000")),
                BenchFlags.duration("burst-drain-timeout", flags.get("burst-drain-timeout", "600s"), false),
                BenchFlags.duration("burst-settle", flags.get("burst-settle", "5s"), true),
                out,
                plot == null ? BenchOutput.beside(out, "png") : BenchFlags.path(root, plot),
                Map.copyOf(jars),
                Map.copyOf(jvms),
                mode,
                root.resolve(EDGE_MODULE).resolve("target/quarkus-app/quarkus-run.jar"),
                AppJvm.of(root, EDGE_MODULE, flags.get("edge-jvm", null), environment),
                flags.pairs("env"),
                flags.on("help"),
                List.copyOf(args));
    }

    /** A JVM flag of the mode that does not run would be ignored silently: refused instead. */
    private static void refuseOtherModesJvm(BenchFlags flags, PipelineMode mode) {
        if (mode == PipelineMode.EDGE) {
            for (String flag : List.of("broker-jvm", "functions-jvm")) {
                if (flags.get(flag, null) != null) {
                    throw new IllegalArgumentException("--" + flag + " sets a JVM of the six processes, which --edge does"
                            + " not start; the edge app's JVM options are --edge-jvm");
                }
            }
        } else if (flags.get("edge-jvm", null) != null) {
            throw new IllegalArgumentException("--edge-jvm sets the edge app's JVM options: add --edge to run it");
        }
    }

    private static double share(String text) {
        try {
            double share = Double.parseDouble(text.trim());
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--mqtt-share: \"" + text + "\" is not a share between 0 and 1 (e.g. 0.5)");
    }

    /** One in this many readings of a step at {@code rate} fires: {@link #alertsPerSecond()} per second, at most one in 10. */
    int fireEvery(int rate) {
        return Math.max(10, (int) Math.round((double) rate / alertsPerSecond));
    }

    /** One in this many readings of a step at {@code rate} is a probe: {@link #probesPerSecond()} per second. */
    int probeEvery(int rate) {
        return Math.max(1, (int) Math.round((double) rate / probesPerSecond));
    }

    /** How the run was started, for the report. */
    String command() {
        return ("./kedge bench pipeline " + String.join(" ", arguments)).trim();
    }
}
