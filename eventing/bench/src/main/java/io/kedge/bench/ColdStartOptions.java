package io.kedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flags of {@link ColdStartBench}. Defaults: every function and the broker, 5 starts each in JVM
 * mode and with AppCDS, interleaved.
 *
 * @param apps      the apps to start, in order
 * @param modes     JVM, AppCDS or both
 * @param runs      starts per app and mode
 * @param pollEvery pause between two attempts to post the first event
 * @param timeout   a start that answers no 2xx within this fails the benchmark
 * @param out       the markdown results file; the apps' logs go beside it
 * @param archives  where the AppCDS archives are written ({@code <app>.jsa}), kept after the run
 * @param jvms      each app's JVM options and environment, as {@code ./kedge up} starts it
 * @param env       extra environment of every app
 */
record ColdStartOptions(
        List<App> apps,
        List<Mode> modes,
        int runs,
        Duration pollEvery,
        Duration timeout,
        Path out,
        Path archives,
        Map<App, AppJvm> jvms,
        Map<String, String> env,
        boolean help,
        List<String> arguments) {

    /** An app whose start is timed, and where its first event goes. */
    enum App {
        VALIDATE("validate", "functions/validate", "/", true),
        STORE("store", "functions/store", "/", true),
        ALERT("alert", "functions/alert", "/", true),
        AGGREGATE("aggregate", "functions/aggregate", "/", true),
        BROKER("broker", "eventing/broker", "/kedge/default", false);

        final String name;
        final String module;
        final String path;
        /** Issue 8's cold-start target applies to functions. */
        final boolean function;

        App(String name, String module, String path, boolean function) {
            this.name = name;
            this.module = module;
            this.path = path;
            this.function = function;
        }

        Path defaultJar() {
            return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        }

        static App named(String name) {
            for (App app : values()) {
                if (app.name.equals(name)) {
                    return app;
                }
            }
            throw new IllegalArgumentException("--apps: no app \"" + name + "\"; one of validate, store, alert, aggregate, broker");
        }
    }

    /** How the JVM starts. */
    enum Mode {
        /** As {@code ./kedge up} starts it. */
        JVM("jvm", "JVM"),
        /** The same, with a dynamic AppCDS archive of a training run ({@code -XX:SharedArchiveFile}). */
        APPCDS("appcds", "JVM + AppCDS");

        final String flag;
        final String label;

        Mode(String flag, String label) {
            this.flag = flag;
            this.label = label;
        }

        static Mode named(String name) {
            for (Mode mode : values()) {
                if (mode.flag.equals(name.toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("--modes: no mode \"" + name + "\"; jvm or appcds");
        }
    }

    static String usage() {
        return """
                Usage: ./kedge bench coldstart [flags]
                   (or java -cp eventing/bench/target/kedge-bench.jar io.kedge.bench.ColdStartBench [flags])

                Time from process start (fork) to the first event handled, for each function (validate,
                store, alert, aggregate) and the broker: the app is started as ./kedge up starts it, and one
                event is posted again and again (every --poll-every) until the app answers 2xx. In JVM mode,
                and with AppCDS: a training run of each app (started with -XX:ArchiveClassesAtExit, one event
                handled, stopped) writes <app>.jsa to --archives; the timed runs add -XX:SharedArchiveFile.
                The modes alternate run by run. store, alert and aggregate use a fresh InfluxDB 1.6.7.
                Prints a markdown table (median, min, max) and writes it to --out.

                  --apps LIST           apps to time (default validate,store,alert,aggregate,broker)
                  --modes LIST          jvm, appcds or both (default jvm,appcds)
                  --runs N              starts per app and mode (default 5)
                  --poll-every D        pause between two attempts (default 5ms)
                  --timeout D           a start without a 2xx this long fails (default 120s)
                  --out FILE            results (default eventing/bench/target/bench/coldstart.md); logs beside it
                  --archives DIR        AppCDS archives (default eventing/bench/target/bench/appcds)
                  --broker-jvm "OPTS"   the broker's JVM options (default as ./kedge up)
                  --functions-jvm "OPTS" the functions' JVM options (default as ./kedge up, per module)
                  --env K=V             extra environment of every app, repeatable
                  --help                this text
                """;
    }

    static ColdStartOptions parse(List<String> args, Path root, Map<String, String> environment) {
        BenchFlags flags = BenchFlags.parse(args, List.of("apps", "modes", "runs", "poll-every", "timeout", "out",
                "archives", "broker-jvm", "functions-jvm"), List.of(), List.of("env"));
        List<App> apps = new ArrayList<>();
        for (String name : flags.get("apps", "validate,store,alert,aggregate,broker").split(",")) {
            apps.add(App.named(name.trim()));
        }
        List<Mode> modes = new ArrayList<>();
        for (String name : flags.get("modes", "jvm,appcds").split(",")) {
            modes.add(Mode.named(name.trim()));
        }
        Map<App, AppJvm> jvms = new LinkedHashMap<>();
        for (App app : App.values()) {
            jvms.put(app, AppJvm.of(root, app.module,
                    flags.get(app == App.BROKER ? "broker-jvm" : "functions-jvm", null), environment));
        }
        return new ColdStartOptions(
                List.copyOf(apps),
                List.copyOf(modes),
                BenchFlags.positive("runs", flags.get("runs", "5")),
                BenchFlags.duration("poll-every", flags.get("poll-every", "5ms"), true),
                BenchFlags.duration("timeout", flags.get("timeout", "120s"), false),
                BenchFlags.path(root, flags.get("out", "eventing/bench/target/bench/coldstart.md")),
                BenchFlags.path(root, flags.get("archives", "eventing/bench/target/bench/appcds")),
                Map.copyOf(jvms),
                flags.pairs("env"),
                flags.on("help"),
                List.copyOf(args));
    }

    Path jar(Path root, App app) {
        return root.resolve(app.defaultJar());
    }

    String command() {
        return ("./kedge bench coldstart " + String.join(" ", arguments)).trim();
    }
}
