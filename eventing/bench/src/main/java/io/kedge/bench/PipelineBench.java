package io.kedge.bench;

import io.kedge.bench.PipelineBenchOptions.App;
import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.LoadGenerator;
import io.kedge.bench.load.MqttSender;
import io.kedge.bench.load.OpenLoopSchedule;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.ProcessStats;
import io.kedge.bench.load.SendStats;
import io.kedge.bench.load.SplitSender;
import io.kedge.bench.load.VertxEventSender;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.MosquittoServer;
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
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark (issue 8): the whole local stack as {@code ./kedge up} runs it — a
 * fresh InfluxDB 1.6.7 and Mosquitto, the broker on {@code eventing/k8s}, validate, store, alert,
 * aggregate, and the device source with its MQTT bridge on — fed over both ingress paths at once:
 * readings published over MQTT at QoS 1 to the bridge, and binary-mode CloudEvents posted to the
 * broker. Open-loop steps of offered load until one saturates; each step is drained (its readings
 * counted in InfluxDB) before the next. Reports readings/s stored, sample → stored latency (probe
 * readings timed into InfluxDB, {@link ProbeWatcher}), reading → alert at a subscriber, sent
 * against stored, each process's RSS and the stack's CPU per reading, and draws RSS and p99
 * against offered load ({@link PipelinePlot}). Run {@code ./kedge bench pipeline --help} for the flags.
 */
public final class PipelineBench {

    static final String RULE = "temperature-high";
    static final String DATABASE = "sensor_data";
    static final String MEASUREMENT = "rpi_dht11";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration COUNT_EVERY = Duration.ofMillis(100);
    private static final int WARMUP_PHASE = 0;

    private final PipelineBenchOptions options;
    private final BenchOutput out;
    private final String run = "pl" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    PipelineBench(PipelineBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
    }

    /** Exits 3 when readings were sent (202, PUBACK) that InfluxDB does not hold once drained. */
    public static void main(String[] args) {
        BenchMain.run(args, PipelineBenchOptions::parse, PipelineBenchOptions::help, PipelineBenchOptions::usage, options -> {
            PipelineBenchReport report = new PipelineBench(options, System.out).run();
            if (report.steps().stream().anyMatch(s -> s.difference() < 0)) {
                System.err.println("bench: readings were sent that InfluxDB does not hold; see the table");
                return 3;
            }
            return 0;
        });
    }

    /** Runs the whole benchmark, writes the results file and the plot, and returns the report. */
    PipelineBenchReport run() {
        String machine = BenchOutput.machine();
        Path work = BenchOutput.createDirectories(options.out().toAbsolutePath().getParent())
                .resolve("pipeline-run-" + ProcessHandle.current().pid());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        try {
            out.progress("starting a fresh InfluxDB (influxd) and Mosquitto");
            InfluxServer influx = InfluxServer.start();
            try (StopAtExit stopInflux = new StopAtExit("influxd", influx::close)) {
                MosquittoServer mosquitto = MosquittoServer.start(true);
                try (StopAtExit stopMosquitto = new StopAtExit("mosquitto", mosquitto::close);
                     ProbeWatcher probes = new ProbeWatcher(influx, DATABASE, MEASUREMENT, location(),
                             PipelineLoad.probeDevices(run), options.pollEvery())) {
                    PipelineLoad load = new PipelineLoad(run, location(), options.mqttShare(), probes);
                    try (AlertSubscriber subscriber = AlertSubscriber.start(vertx, load, RULE)) {
                        out.progress("influxd pid %d ready at %s; mosquitto pid %d at %s; subscriber %s", influx.pid(),
                                influx.url(), mosquitto.pid(), mosquitto.url(), subscriber.url());
                        PipelineBenchReport report = withApps(vertx, influx, mosquitto, load, probes, subscriber, work,
                                machine);
                        out.publish(report.markdown(), options.out());
                        PipelinePlot.write(report, options.plot());
                        out.progress("plot written to %s", options.plot());
                        return report;
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            BenchOutput.deleteRecursively(work);
        }
    }

    /** The location tag of this run's readings: what InfluxDB is counted by. */
    private String location() {
        return "bench-" + run;
    }

    private PipelineBenchReport withApps(Vertx vertx, InfluxServer influx, MosquittoServer mosquitto, PipelineLoad load,
                                         ProbeWatcher probes, AlertSubscriber subscriber, Path work, String machine) {
        Path root = BenchFlags.repositoryRoot(Path.of(""));
        int brokerPort = FreePorts.next();
        int devicePort = FreePorts.next();
        URI ingress = URI.create("http://127.0.0.1:" + brokerPort + "/kedge/default");
        Map<App, JarProcess> apps = new EnumMap<>(App.class);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Set<String> services = Stream.of(App.values()).filter(a -> a.service != null).map(a -> a.service)
                    .collect(Collectors.toSet());
            AlertBenchManifests manifests = AlertBenchManifests.write(root.resolve("eventing/k8s"), work.resolve("manifests"),
                    services, subscriber.url(), false);
            for (App app : App.values()) {
                Map<String, String> environment = switch (app) {
                    case VALIDATE -> Map.of();
                    case STORE -> Map.of("KEDGE_STORE_INFLUX_URL", influx.url());
                    case ALERT -> Map.of("KEDGE_ALERT_INFLUX_URL", influx.url(), "K_SINK", ingress.toString(),
                            // one reading above 30 °C fires at once, as the module README suggests for trying it out
                            "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s");
                    case AGGREGATE -> Map.of("KEDGE_AGGREGATE_INFLUX_URL", influx.url(), "K_SINK", ingress.toString());
                    case BROKER -> brokerEnvironment(root, work, apps, devicePort);
                    case DEVICE_SOURCE -> deviceEnvironment(work, mosquitto, ingress);
                };
                int port = app == App.BROKER ? brokerPort : app == App.DEVICE_SOURCE ? devicePort : 0;
                JarProcess process = start(app, environment, port);
                apps.put(app, process);
                started.add(process);
            }
            out.progress("the broker reads eventing/k8s (%d files) and the bench Trigger for fired alerts", manifests.copied().size());

            List<Watched> watched = new ArrayList<>();
            for (App app : App.values()) {
                watched.add(watch(app.name, apps.get(app).pid(), started));
            }
            watched.add(watch("influxd", influx.pid(), started));
            watched.add(watch("mosquitto", mosquitto.pid(), started));

            out.progress("idle for %s s: memory of the stack before any load", Figures.seconds(IDLE));
            Usage.Window idleWindow = Usage.open(watched);
            LockSupport.parkNanos(IDLE.toNanos());
            Usage idle = idleWindow.close();

            EventSender http = new VertxEventSender(vertx, ingress, options.connections(), options.requestTimeout());
            EventSender mqtt = options.mqttShare() > 0
                    ? new MqttSender(vertx, "127.0.0.1", mosquitto.port(), options.mqttConnections(), "bench-" + run,
                    options.requestTimeout())
                    : http;
            try (EventSender sender = load.counting(mqtt == http ? http : new SplitSender(http, mqtt))) {
                LoadGenerator generator = new LoadGenerator(sender, 20_000);
                Phases phases = new Phases(influx, load, probes, subscriber, generator, watched, apps);
                PipelineStep warmup = null;
                if (!options.warmup().isZero()) {
                    warmup = phases.run("warm-up", WARMUP_PHASE, options.warmupRate(), options.warmup());
                }
                List<PipelineStep> steps = new ArrayList<>();
                for (int i = 0; i < options.rates().size(); i++) {
                    PipelineStep step = phases.run("step " + (i + 1), i + 1, options.rates().get(i), options.step());
                    steps.add(step);
                    if (step.saturated() && !options.keepGoing()) {
                        break;
                    }
                }
                return new PipelineBenchReport(options.command(), context(machine), idle, warmup, steps,
                        probes.meanPollMillis(), BenchOutput.loadAverage());
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

    private static Watched watch(String name, long pid, List<AutoCloseable> started) {
        ProcessSampler sampler = new ProcessSampler(pid, SAMPLE_EVERY);
        started.add(sampler);
        return new Watched(name, sampler);
    }

    private Map<String, String> brokerEnvironment(Path root, Path work, Map<App, JarProcess> apps, int devicePort) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KEDGE_BROKER_MANIFESTS", work.resolve("manifests").toString());
        environment.put("KEDGE_BROKER_SERVICES", root.resolve("eventing/local/services.properties").toString());
        environment.put("KEDGE_BROKER_DATA", BenchOutput.createDirectories(work.resolve("broker-data")).toString());
        for (App app : App.values()) {
            if (app.service != null) {
                String url = app == App.DEVICE_SOURCE ? "http://127.0.0.1:" + devicePort : apps.get(app).url();
                environment.put("KEDGE_SERVICE_" + app.service.toUpperCase(Locale.ROOT).replace('-', '_'), url);
            }
        }
        return environment;
    }

    /** As {@code ./kedge up}, with the bridge on and no sensor: every reading comes from the load. */
    private static Map<String, String> deviceEnvironment(Path work, MosquittoServer mosquitto, URI ingress) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("K_SINK", ingress.toString());
        environment.put("KEDGE_DEVICE_ID", "pi-bench");
        environment.put("KEDGE_DEVICE_SENSOR", "none");
        environment.put("KEDGE_DEVICE_BUFFER_DIR", work.resolve("device-source").toString());
        environment.put("KEDGE_DEVICE_UPLINK_BUFFER_DIR", work.resolve("device-source-uplink").toString());
        environment.put("KEDGE_DEVICE_MQTT_ENABLED", "true");
        environment.put("KEDGE_DEVICE_MQTT_HOST", "127.0.0.1");
        environment.put("KEDGE_DEVICE_MQTT_PORT", Integer.toString(mosquitto.port()));
        return environment;
    }

    private JarProcess start(App app, Map<String, String> environment, int port) {
        AppJvm jvm = options.jvms().get(app);
        Map<String, String> env = new LinkedHashMap<>(jvm.environment());
        env.putAll(environment);
        env.putAll(options.env());
        Path log = BenchOutput.beside(options.out(), "log").resolveSibling("pipeline-" + app.name + ".log");
        out.progress("starting %s: %s %s (log %s)", app.name, String.join(" ", jvm.options()), options.jars().get(app), log);
        JarProcess process = port == 0
                ? JarProcess.start(app.name, app.module, options.jars().get(app), jvm.options(), env, log)
                : JarProcess.start(app.name, app.module, options.jars().get(app), jvm.options(), env, log, port);
        out.progress("%s pid %d ready at %s", app.name, process.pid(), process.url());
        return process;
    }

    /** Runs one phase after another against the started stack. */
    private final class Phases {

        private final InfluxServer influx;
        private final PipelineLoad load;
        private final ProbeWatcher probes;
        private final AlertSubscriber subscriber;
        private final LoadGenerator generator;
        private final List<Watched> watched;
        private final Map<App, JarProcess> apps;

        Phases(InfluxServer influx, PipelineLoad load, ProbeWatcher probes, AlertSubscriber subscriber,
               LoadGenerator generator, List<Watched> watched, Map<App, JarProcess> apps) {
            this.influx = influx;
            this.load = load;
            this.probes = probes;
            this.subscriber = subscriber;
            this.generator = generator;
            this.watched = watched;
            this.apps = apps;
        }

        /** Offers {@code rate} for {@code duration}, then waits until InfluxDB holds what was sent (or the drain gives up). */
        PipelineStep run(String name, int phase, int rate, Duration duration) {
            int fireEvery = options.fireEvery(rate);
            PipelineLoad.Tally tally = load.newTally();
            OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), rate);
            long count = schedule.countWithin(duration);
            long firstSample = load.wallMillis(schedule.timeOf(0));
            long lastSample = load.wallMillis(schedule.timeOf(count - 1));
            out.progress("%s: %,d readings at %,d/s for %s s, %.0f %% over MQTT, one in %d firing", name, count, rate,
                    Figures.seconds(duration), 100 * options.mqttShare(), fireEvery);
            long ticksBefore = stackTicks();
            Usage.Window window = Usage.open(watched);
            SendStats stats = new SendStats();
            generator.send(schedule, 0, count, load.phase(phase, fireEvery, options.probeEvery(rate)), stats,
                    schedule.timeOf(count) + options.requestTimeout().toNanos());
            long sendEnd = System.nanoTime();
            generator.awaitAnswers(options.requestTimeout().plusSeconds(5));
            long accepted = tally.accepted();
            Drain drain = drain(firstSample, lastSample, accepted, sendEnd);
            probes.awaitPhase(phase, drain.complete() ? Duration.ofSeconds(10) : Duration.ofSeconds(1));
            AlertSubscriber.Phase alerts = subscriber.phase(phase);
            alerts.awaitFired(tally.firingIn.sum(), drain.complete() ? Duration.ofSeconds(30) : Duration.ofSeconds(1));
            Usage usage = window.close();
            double cpuSeconds = (double) (stackTicks() - ticksBefore) / ProcessStats.TICKS_PER_SECOND;
            double span = Math.max(duration.toNanos(), drain.lastGainNanos() - schedule.timeOf(0)) / 1e9;
            double storedPerSecond = drain.stored() / span;
            ProbeWatcher.Phase probed = probes.phase(phase);
            long errors = tally.httpErrors.sum() + tally.mqttErrors.sum();
            String saturation = Saturation.ofStored(rate, storedPerSecond, tally.httpRefused.sum(), errors,
                    stats.unsentCount(), accepted, drain.stored(), tally.firingIn.sum(), alerts.firedCount(),
                    probed.latency().percentileMillis(99), options.maxP99());
            PipelineStep step = new PipelineStep(name, rate, duration.toNanos() / 1e9, stats.sentCount(),
                    tally.httpAccepted.sum(), tally.httpRefused.sum(), tally.httpErrors.sum(), tally.mqttAcked.sum(),
                    tally.mqttErrors.sum(), stats.unsentCount(), drain.stored(), storedPerSecond,
                    Math.max(0, drain.lastGainNanos() - sendEnd) / 1e9, drain.complete(), probed, tally.firingIn.sum(),
                    alerts.firedCount(), alerts.duplicates(), alerts.firedLatency(), usage, cpuSeconds, saturation);
            out.progress("%s (load average %s)", PipelineBenchReport.progressLine(step), BenchOutput.loadAverage());
            apps.values().forEach(JarProcess::checkAlive);
            return step;
        }

        /**
         * Counts the step's points in InfluxDB every 100 ms until they reach {@code accepted}, nothing
         * arrived for {@code --stall}, or {@code --drain-timeout} passed.
         */
        private Drain drain(long firstSample, long lastSample, long accepted, long sendEnd) {
            long deadline = sendEnd + options.drainTimeout().toNanos();
            long stored = -1;
            long lastGain = sendEnd;
            while (true) {
                long now = count(firstSample, lastSample);
                long at = System.nanoTime();
                if (now > stored) {
                    stored = now;
                    lastGain = at;
                }
                if (stored >= accepted) {
                    return new Drain(stored, lastGain, true);
                }
                if (at - lastGain > options.stall().toNanos() || at > deadline) {
                    out.progress("gave up waiting: %,d of %,d sent readings in InfluxDB after %s s", stored, accepted,
                            Figures.seconds(Duration.ofNanos(at - sendEnd)));
                    return new Drain(stored, lastGain, false);
                }
                LockSupport.parkNanos(COUNT_EVERY.toNanos());
            }
        }

        private long count(long firstSample, long lastSample) {
            try {
                List<Map<String, Object>> rows = influx.rows(DATABASE, String.format(Locale.ROOT,
                        "SELECT count(\"temperature\") FROM \"%s\" WHERE \"location\" = '%s' AND time >= %dms AND time <= %dms",
                        MEASUREMENT, load.location(), firstSample, lastSample));
                return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
            } catch (IllegalStateException e) {
                if (String.valueOf(e.getMessage()).contains("database not found")) {
                    return 0;
                }
                throw e;
            }
        }

        /** CPU ticks of every process of the stack so far (the benchmark's own not included). */
        private long stackTicks() {
            return watched.stream().mapToLong(w -> w.sampler().cpuTicks()).sum();
        }
    }

    /**
     * @param stored        points counted last
     * @param lastGainNanos when the count last grew
     * @param complete      the count reached what was sent
     */
    private record Drain(long stored, long lastGainNanos, boolean complete) {
    }

    private String context(String machine) {
        return String.format(Locale.ROOT,
                "%s; JVM options as ./kedge up: %s; InfluxDB 1.6.7 and Mosquitto 2.0 (fresh, persistence on, as ./kedge up)"
                        + " on the same machine; %.0f %% of readings over MQTT (QoS 1, %d connections), the rest posted to"
                        + " the broker (binary mode, at most %d connections); %d firing readings/s, %d probes/s; steps of"
                        + " %s s after %s s warm-up at %,d/s%s. The load generator, the subscriber, the probe poller, the"
                        + " six JVMs, InfluxDB and Mosquitto share these cores.",
                machine,
                Stream.of(App.values()).map(a -> a.name + " `" + String.join(" ", options.jvms().get(a).options()) + "`"
                        + (options.jvms().get(a).environment().isEmpty() ? "" : " " + options.jvms().get(a).environment()))
                        .collect(Collectors.joining(", ")),
                100 * options.mqttShare(), options.mqttConnections(), options.connections(), options.alertsPerSecond(),
                options.probesPerSecond(), Figures.seconds(options.step()), Figures.seconds(options.warmup()),
                options.warmupRate(), options.env().isEmpty() ? "" : "; environment " + options.env());
    }
}
