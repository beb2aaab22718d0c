package io.kedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Flags of {@link AlertBench}. Defaults: 100 readings/s (issue 5's target load), one in ten firing,
 * 30 s of JIT warm-up and 60 s measured; about three minutes with the start of five processes.
 *
 * @param rate           readings/s offered, open loop
 * @param duration       measured time
 * @param warmup         unmeasured load at the same rate first, so that every JVM compiles its hot paths
 * @param fireEvery      one reading in this many crosses the threshold on a new device
 * @param connections    HTTP connections to the broker at most
 * @param requestTimeout a request without an answer for this long counts as a transport error
 * @param drainTimeout   how long to wait after the last reading for the alerts still on their way
 * @param out            the markdown results file; the apps' logs go beside it ({@code alert-broker.log}, ...)
 * @param jars           each app's {@code quarkus-run.jar}
 * @param jvms           each app's JVM options and environment, as {@code ./kedge up} starts it
 * @param env            extra environment of every app (e.g. {@code KEDGE_BROKER_COMMIT_LINGER=1ms})
 */
record AlertBenchOptions(
        int rate,
        Duration duration,
        Duration warmup,
        int fireEvery,
        int connections,
        Duration requestTimeout,
        Duration drainTimeout,
        Path out,
        Map<StackApp, Path> jars,
        Map<StackApp, AppJvm> jvms,
        Map<String, String> env,
        boolean help,
        List<String> arguments) {

    /** The processes of the alert path, as the launcher runs them. */
    static final List<StackApp> APPS = List.of(StackApp.BROKER, StackApp.VALIDATE, StackApp.STORE, StackApp.ALERT);

    /** Issue 5's target load. */
    static final int TARGET_RATE = 100;

    static String usage() {
        return """
                Usage: ./kedge bench alert [flags]
                   (or java -cp eventing/bench/target/kedge-bench.jar io.kedge.bench.AlertBench [flags])

                Starts a fresh InfluxDB 1.6.7, the broker (on eventing/k8s's Broker, PingSource and the
                Triggers of the functions it runs, plus two bench Triggers), validate, store and alert as
                ./kedge up runs them; posts readings to the broker at --rate, open loop, one in --fire-every
                at 35 °C from a new device (temperature-high, its 'for' set to 0s: each a new incident), and
                measures reading posted -> io.kedge.alert.fired.v1 at the benchmark's subscriber. Counts
                fired against expected, shows where the time goes (the broker's own meters), prints a
                markdown table and writes it to --out.

                  --rate N              readings/s, open loop (default %d)
                  --duration DURATION   measured time (default 60s)
                  --warmup DURATION     unmeasured load at the same rate first, for the JIT (default 30s)
                  --fire-every N        one reading in N fires an alert (default 10)
                  --connections N       HTTP connections to the broker (default 16)
                  --request-timeout D   a request unanswered this long is an error (default 30s)
                  --drain-timeout D     wait for alerts still on their way after the last reading (default 30s)
                  --out FILE            results file (default eventing/bench/target/bench/alert.md); the apps'
                                        logs go beside it (alert-broker.log, alert-validate.log, ...)
                  --broker-jvm "OPTS"   the broker's JVM options (default as ./kedge up: $KEDGE_JAVA_OPTS, else
                                        eventing/broker/jvm.options, else "%s")
                  --functions-jvm "OPTS" the functions' JVM options (default as ./kedge up, likewise per module)
                  --env K=V             extra environment of every app, repeatable (e.g. KEDGE_BROKER_COMMIT_LINGER=1ms)
                  --help                this text

                Durations: 10s, 500ms, 2m, or plain seconds.
                """.formatted(TARGET_RATE, AppJvm.LAUNCHER_DEFAULT);
    }

    /**
     * @param root        the repository checkout the defaults are relative to
     * @param environment for {@code KEDGE_JAVA_OPTS}, and what the modules' {@code jvm.options} add to it
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static AlertBenchOptions parse(List<String> args, Path root, Map<String, String> environment) {
        BenchFlags flags = BenchFlags.parse(args, List.of("rate", "duration", "warmup", "fire-every", "connections",
                "request-timeout", "drain-timeout", "out", "broker-jvm", "functions-jvm"), List.of(), List.of("env"));
        Map<StackApp, Path> jars = StackApp.jars(APPS, root);
        Map<StackApp, AppJvm> jvms = StackApp.jvms(APPS, root, flags, environment);
        return new AlertBenchOptions(
                BenchFlags.positive("rate", flags.get("rate", Integer.toString(TARGET_RATE))),
                BenchFlags.duration("duration", flags.get("duration", "60s"), false),
                BenchFlags.duration("warmup", flags.get("warmup", "30s"), true),
                BenchFlags.positive("fire-every", flags.get("fire-every", "10")),
                BenchFlags.positive("connections", flags.get("connections", "16")),
                BenchFlags.duration("request-timeout", flags.get("request-timeout", "30s"), false),
                BenchFlags.duration("drain-timeout", flags.get("drain-timeout", "30s"), false),
                BenchFlags.path(root, flags.get("out", "eventing/bench/target/bench/alert.md")),
                Map.copyOf(jars),
                Map.copyOf(jvms),
                flags.pairs("env"),
                flags.on("help"),
                List.copyOf(args));
    }

    /** How the run was started, for the report. */
    String command() {
        return ("./kedge bench alert " + String.join(" ", arguments)).trim();
    }
}
