package io.kedge.bench;

import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.LoadGenerator;
import io.kedge.bench.load.OpenLoopSchedule;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.SendStats;
import io.kedge.bench.load.VertxEventSender;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The alert benchmark (issue 5): reading posted to the broker → {@code io.kedge.alert.fired.v1} at
 * a subscriber, through the real processes as {@code ./kedge up} runs them: InfluxDB, the broker,
 * validate, store and alert. Readings go to the broker open loop at a fixed rate; one in
 * {@code --fire-every} crosses {@code temperature-high} on a device never seen before, so that each
 * opens an incident and fires exactly once. Reports fired against expected, the latency
 * percentiles, where the time goes (the broker's own meters per hop) and each process's memory and
 * CPU. Run {@code ./kedge bench alert --help} for the flags.
 */
public final class AlertBench {

    /** The shipped rule the firing readings cross. */
    static final String RULE = "temperature-high";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final int WARMUP_PHASE = 1;
    private static final int MEASURED_PHASE = 2;

    private final AlertBenchOptions options;
    private final BenchOutput out;
    private final AlertLoad load;

    AlertBench(AlertBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
        this.load = new AlertLoad(Long.toString(System.currentTimeMillis() % 100_000_000L, 36), options.fireEvery());
    }

    /** Exits 3 when an expected alert did not arrive (or another arrived). */
    public static void main(String[] args) {
        BenchMain.run(args, AlertBenchOptions::parse, AlertBenchOptions::help, AlertBenchOptions::usage, options -> {
            AlertBenchReport report = new AlertBench(options, System.out).run();
            if (!report.measured().complete()) {
                System.err.println("bench: fired alerts differ from the expected ones; see the table");
                return 3;
            }
            return 0;
        });
    }

    /** Runs the whole benchmark, writes the results file and returns the report. */
    AlertBenchReport run() {
        String machine = BenchOutput.machine();
        Path work = BenchOutput.createDirectories(options.out().toAbsolutePath().getParent())
                .resolve("alert-run-" + ProcessHandle.current().pid());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        try {
            out.progress("starting a fresh InfluxDB (influxd)");
            InfluxServer influx = InfluxServer.start();
            try (StopAtExit stopInflux = new StopAtExit("influxd", influx::close);
                 AlertSubscriber subscriber = AlertSubscriber.start(vertx, load, RULE)) {
                out.progress("influxd pid %d ready at %s; subscriber %s", influx.pid(), influx.url(), subscriber.url());
                AlertBenchReport report = withApps(vertx, influx, subscriber, work, machine);
                out.publish(report.markdown(), options.out());
                return report;
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            BenchOutput.deleteRecursively(work);
        }
    }

    private AlertBenchReport withApps(Vertx vertx, InfluxServer influx, AlertSubscriber subscriber, Path work,
                                      String machine) {
        Path root = BenchFlags.repositoryRoot(Path.of(""));
        int brokerPort = FreePorts.next();
        String brokerUrl = "http://127.0.0.1:" + brokerPort;
        URI ingress = URI.create(brokerUrl + "/kedge/default");
        Map<StackApp, JarProcess> apps = new EnumMap<>(StackApp.class);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            apps.put(StackApp.VALIDATE, start(StackApp.VALIDATE, Map.of(), 0));
            started.add(apps.get(StackApp.VALIDATE));
            apps.put(StackApp.STORE, start(StackApp.STORE, Map.of("INFLUX_URL", influx.url(), "KEDGE_STORE_INFLUX_URL", influx.url(),
                    "KEDGE_STORE_INFLUX_API", "v1"), 0));
            started.add(apps.get(StackApp.STORE));
            apps.put(StackApp.ALERT, start(StackApp.ALERT, Map.of("KEDGE_ALERT_INFLUX_URL", influx.url(), "K_SINK", ingress.toString(),
                    // one reading above 30 °C fires at once, as the module README suggests for trying it out
                    "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s"), 0));
            started.add(apps.get(StackApp.ALERT));

            Set<String> services = StackApp.services(AlertBenchOptions.APPS);
            Path manifests = work.resolve("manifests");
            AlertBenchManifests written = AlertBenchManifests.write(root.resolve("eventing/k8s"), manifests, services,
                    subscriber.url());
            Map<StackApp, String> urls = new LinkedHashMap<>();
            for (StackApp app : List.of(StackApp.VALIDATE, StackApp.STORE, StackApp.ALERT)) {
                urls.put(app, apps.get(app).url());
            }
            Map<String, String> brokerEnv = StackApp.brokerEnvironment(root, manifests,
                    BenchOutput.createDirectories(work.resolve("broker-data")), urls);
            apps.put(StackApp.BROKER, start(StackApp.BROKER, brokerEnv, brokerPort));
            started.add(apps.get(StackApp.BROKER));
            out.progress("the broker reads %d files of eventing/k8s and the bench Triggers; Triggers left out (their"
                    + " services are not run here): %s", written.copied().size(),
                    written.skipped().isEmpty() ? "none" : String.join(", ", written.skipped()));

            List<Watched> watched = new ArrayList<>();
            for (StackApp app : AlertBenchOptions.APPS) {
                ProcessSampler sampler = new ProcessSampler(apps.get(app).pid(), SAMPLE_EVERY);
                started.add(sampler);
                watched.add(new Watched(app.name, sampler));
            }
            ProcessSampler influxSampler = new ProcessSampler(influx.pid(), SAMPLE_EVERY);
            started.add(influxSampler);
            watched.add(new Watched("influxd", influxSampler));

            try (EventSender sender = load.counting(
                    new VertxEventSender(vertx, ingress, options.connections(), options.requestTimeout()))) {
                LoadGenerator generator = new LoadGenerator(sender, 10_000);
                List<AlertRun> runs = new ArrayList<>();
                if (!options.warmup().isZero()) {
                    runs.add(phase("warm-up", WARMUP_PHASE, options.warmup(), generator, subscriber, brokerUrl, null));
                    checkAlive(apps);
                }
                runs.add(phase("measured", MEASURED_PHASE, options.duration(), generator, subscriber, brokerUrl, watched));
                checkAlive(apps);
                return new AlertBenchReport(options.command(), context(machine, written), runs, options.rate(),
                        subscriber.foreignCount());
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    out.progress("stopping %s failed: %s", started.get(i), e.getMessage());
                }
            }
        }
    }

    private JarProcess start(StackApp app, Map<String, String> environment, int port) {
        Path log = BenchOutput.beside(options.out(), "log").resolveSibling("alert-" + app.name + ".log");
        return JarProcess.launch(out, app.name, app.module, options.jars().get(app), options.jvms().get(app), environment,
                options.env(), log, port);
    }

    /** One phase: readings at the rate for {@code duration}, then the alerts still on their way. */
    private AlertRun phase(String name, int phase, Duration duration, LoadGenerator generator, AlertSubscriber subscriber,
                           String brokerUrl, List<Watched> watched) {
        OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), options.rate());
        long count = schedule.countWithin(duration);
        out.progress("%s: %,d readings at %,d/s, one in %d firing%s", name, count, options.rate(), options.fireEvery(),
                watched == null ? " (not measured)" : "");
        BrokerMeters before = watched == null ? null : BrokerMeters.scrape(brokerUrl);
        Usage.Window window = watched == null ? null : Usage.open(watched);
        SendStats stats = new SendStats();
        generator.send(schedule, 0, count, load.phase(phase), stats, schedule.timeOf(count) + options.drainTimeout().toNanos());
        generator.awaitAnswers(options.drainTimeout());
        long expected = load.acceptedFiring(phase);
        AlertSubscriber.Phase arrived = subscriber.phase(phase);
        boolean all = arrived.awaitArrivals(expected, stats.acceptedCount(), options.drainTimeout());
        Usage usage = window == null ? null : window.close();
        BrokerMeters meters = before == null ? null : BrokerMeters.scrapeWhenIdle(brokerUrl, options.drainTimeout()).since(before);
        long unanswered = stats.sentCount() - stats.answeredCount();
        AlertRun run = new AlertRun(name, duration.toNanos() / 1e9, stats.sentCount(), stats.acceptedCount(),
                stats.backpressureCount(), stats.errorCount() + unanswered + stats.unsentCount(),
                expected, arrived.firedCount(), arrived.duplicates(), arrived.otherAlerts(), arrived.validatedCount(),
                arrived.firedLatency(), arrived.validatedLatency(), stats.answerLatency(), usage, meters);
        out.progress("%s%s", AlertBenchReport.progressLine(run),
                all ? "" : " (the rest not within " + Figures.seconds(options.drainTimeout()) + " s)");
        return run;
    }

    private String context(String machine, AlertBenchManifests manifests) {
        return String.format(Locale.ROOT,
                "%s; JVM options as ./kedge up: %s; InfluxDB 1.6.7 (fresh, same machine); %d readings/s, one in %d"
                        + " firing, %s s measured after %s s warm-up over at most %d connections%s; Triggers of"
                        + " eventing/k8s left out (their services are not run): %s."
                        + " The load generator, the subscriber, the four JVMs and InfluxDB share these cores.",
                machine,
                AlertBenchOptions.APPS.stream().map(a -> a.name + " `" + String.join(" ", options.jvms().get(a).options()) + "`"
                        + (options.jvms().get(a).environment().isEmpty() ? "" : " " + options.jvms().get(a).environment()))
                        .collect(Collectors.joining(", ")),
                options.rate(), options.fireEvery(), Figures.seconds(options.duration()), Figures.seconds(options.warmup()),
                options.connections(), options.env().isEmpty() ? "" : "; environment " + options.env(),
                manifests.skipped().isEmpty() ? "none" : String.join(", ", manifests.skipped()));
    }

    private static void checkAlive(Map<StackApp, JarProcess> apps) {
        apps.values().forEach(JarProcess::checkAlive);
    }
}
