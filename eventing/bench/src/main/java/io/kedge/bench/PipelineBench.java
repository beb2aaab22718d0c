package io.kedge.bench;

import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.LoadGenerator;
import io.kedge.bench.load.MqttSender;
import io.kedge.bench.load.OpenLoopSchedule;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.ProcessStats;
import io.kedge.bench.load.SendStats;
import io.kedge.bench.load.SplitSender;
import io.kedge.bench.load.VertxEventSender;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * against offered load ({@link PipelinePlot}). After the steps, a burst of a fixed number of
 * readings, drained the same way, with each process's RSS before, at its peak and after
 * ({@link PipelineBurst}). With {@code --edge} ({@link PipelineMode#EDGE}) the
 * same load goes to the single-process edge app of {@code ./kedge up --edge} instead of the six
 * processes ({@link PipelineStack}). Run {@code ./kedge bench pipeline --help} for the flags.
 */
public final class PipelineBench {

    static final String RULE = "temperature-high";
    static final String DATABASE = "sensor_data";
    static final String MEASUREMENT = "rpi_dht11";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration COUNT_EVERY = Duration.ofMillis(100);
    private static final Duration BURST_PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int WARMUP_PHASE = 0;

    private final PipelineBenchOptions options;
    private final BenchOutput out;
    private final String run = "pl" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    PipelineBench(PipelineBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
    }

    /** Exits 3 when readings were sent (202, PUBACK) that InfluxDB does not hold once drained, in a step or the burst. */
    public static void main(String[] args) {
        BenchMain.run(args, PipelineBenchOptions::parse, PipelineBenchOptions::help, PipelineBenchOptions::usage, options -> {
            PipelineBenchReport report = new PipelineBench(options, System.out).run();
            if (report.lost() > 0) {
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
                        PipelineBenchReport report = withStack(vertx, influx, mosquitto, load, probes, subscriber, work,
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

    private PipelineBenchReport withStack(Vertx vertx, InfluxServer influx, MosquittoServer mosquitto, PipelineLoad load,
                                          ProbeWatcher probes, AlertSubscriber subscriber, Path work, String machine) {
        try (PipelineStack stack = PipelineStack.start(options, out, work, influx, mosquitto, subscriber.url())) {
            List<Watched> watched = new ArrayList<>();
            for (JarProcess process : stack.processes()) {
                watched.add(watch(process.name(), process.pid()));
            }
            watched.add(watch("influxd", influx.pid()));
            watched.add(watch("mosquitto", mosquitto.pid()));
            try {
                return measure(vertx, influx, mosquitto, load, probes, subscriber, stack, watched, machine);
            } finally {
                watched.forEach(w -> w.sampler().close());
            }
        }
    }

    /** Idle window, warm-up, steps and burst against the started stack. */
    private PipelineBenchReport measure(Vertx vertx, InfluxServer influx, MosquittoServer mosquitto, PipelineLoad load,
                                        ProbeWatcher probes, AlertSubscriber subscriber, PipelineStack stack,
                                        List<Watched> watched, String machine) {
        out.progress("idle for %s s: memory of the stack before any load", Figures.seconds(IDLE));
        Usage.Window idleWindow = Usage.open(watched);
        LockSupport.parkNanos(IDLE.toNanos());
        Usage idle = idleWindow.close();

        EventSender http = new VertxEventSender(vertx, stack.ingress(), options.connections(), options.requestTimeout());
        EventSender mqtt = options.mqttShare() > 0
                ? new MqttSender(vertx, "127.0.0.1", mosquitto.port(), options.mqttConnections(), "bench-" + run,
                options.requestTimeout())
                : http;
        try (EventSender sender = load.counting(mqtt == http ? http : new SplitSender(http, mqtt))) {
            LoadGenerator generator = new LoadGenerator(sender, 20_000);
            Phases phases = new Phases(influx, load, probes, subscriber, generator, watched, stack);
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
            PipelineBurst burst = options.burst() > 0 ? phases.burst(options.rates().size() + 1) : null;
            return new PipelineBenchReport(options.mode(), options.command(), context(machine), idle, warmup, steps,
                    burst, probes.meanPollMillis(), BenchOutput.loadAverage());
        }
    }

    private static Watched watch(String name, long pid) {
        return new Watched(name, new ProcessSampler(pid, SAMPLE_EVERY));
    }

    /** Runs one phase after another against the started stack. */
    private final class Phases {

        private final InfluxServer influx;
        private final PipelineLoad load;
        private final ProbeWatcher probes;
        private final AlertSubscriber subscriber;
        private final LoadGenerator generator;
        private final List<Watched> watched;
        private final PipelineStack stack;

        Phases(InfluxServer influx, PipelineLoad load, ProbeWatcher probes, AlertSubscriber subscriber,
               LoadGenerator generator, List<Watched> watched, PipelineStack stack) {
            this.influx = influx;
            this.load = load;
            this.probes = probes;
            this.subscriber = subscriber;
            this.generator = generator;
            this.watched = watched;
            this.stack = stack;
        }

        /** Offers {@code rate} for {@code duration}, then waits until InfluxDB holds what was sent (or the drain gives up). */
        PipelineStep run(String name, int phase, int rate, Duration duration) {
            OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), rate);
            long count = schedule.countWithin(duration);
            out.progress("%s: %,d readings at %,d/s for %s s, %.0f %% over MQTT, one in %d firing", name, count, rate,
                    Figures.seconds(duration), 100 * options.mqttShare(), options.fireEvery(rate));
            return offer(name, phase, rate, schedule, count, duration, load.newTally(), new SendStats(),
                    options.drainTimeout()).step();
        }

        /**
         * {@code --burst} readings at {@code --burst-rate}, split and mixed (firing readings, probes)
         * as a step at that rate; drained within {@code --burst-drain-timeout}. Each process's RSS is
         * read just before, its peak kept over the burst and its drain, and read again after
         * {@code --burst-settle}. Prints a line every few seconds meanwhile.
         */
        PipelineBurst burst(int phase) {
            int rate = options.burstRate();
            long count = options.burst();
            Duration span = Duration.ofNanos(Math.round(count * 1e9 / rate));
            List<Long> before = rssNow();
            out.progress("burst: %,d readings at %,d/s (%s s), %.0f %% over MQTT, one in %d firing; RSS before %s",
                    count, rate, Figures.seconds(span),
                    100 * options.mqttShare(), options.fireEvery(rate), rss(before));
            OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), rate);
            PipelineLoad.Tally tally = load.newTally();
            SendStats stats = new SendStats();
            long[] samples = sampleRange(schedule, count);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "burst-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(() -> out.progress("burst: %,d of %,d sent, %,d accepted, %,d × 503, %s stored; RSS %s",
                            stats.sentCount(), count, tally.accepted(), tally.httpRefused.sum(),
                            storedSoFar(samples[0], samples[1]),
                            rss(rssNow())),
                    BURST_PROGRESS_EVERY.toNanos(), BURST_PROGRESS_EVERY.toNanos(), TimeUnit.NANOSECONDS);
            Offered offered;
            try {
                offered = offer("burst", phase, rate, schedule, count, span, tally, stats, options.burstDrainTimeout());
            } finally {
                ticker.shutdownNow();
            }
            PipelineStep figures = offered.step();
            double allStored = offered.drain().complete()
                    ? (offered.drain().lastGainNanos() - schedule.timeOf(0)) / 1e9 : Double.NaN;
            List<Long> peaks = figures.usage().processes().stream().map(Usage.ProcessUse::peakRssBytes).toList();
            LockSupport.parkNanos(options.burstSettle().toNanos());
            List<PipelineBurst.ProcessMemory> memory = new ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                memory.add(new PipelineBurst.ProcessMemory(watched.get(i).name(), before.get(i), peaks.get(i),
                        watched.get(i).sampler().rssBytes()));
            }
            PipelineBurst burst = new PipelineBurst(count, figures, allStored, options.burstSettle(),
                    List.copyOf(memory));
            out.progress("%s", PipelineBenchReport.burstProgressLine(burst, options.mode()));
            stack.checkAlive();
            return burst;
        }

        /** The burst's points in InfluxDB so far, for a progress line: a failed count must not stop the lines. */
        private String storedSoFar(long firstSample, long lastSample) {
            try {
                return Figures.whole(count(firstSample, lastSample));
            } catch (RuntimeException e) {
                return "? (" + e.getMessage() + ")";
            }
        }

        /** Every watched process's RSS now, in the order of {@code watched}. */
        private List<Long> rssNow() {
            return watched.stream().map(w -> w.sampler().rssBytes()).toList();
        }

        /** Every watched process's RSS and their total, in MiB, for a progress line. */
        private String rss(List<Long> bytes) {
            StringBuilder line = new StringBuilder(Figures.mib(bytes.stream().mapToLong(Long::longValue).sum()))
                    .append(" MiB (");
            for (int i = 0; i < bytes.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(watched.get(i).name()).append(' ').append(Figures.mib(bytes.get(i)));
            }
            return line.append(')').toString();
        }

        /** The sample times (wall clock, ms) of the first and the last of {@code count} readings of {@code schedule}. */
        private long[] sampleRange(OpenLoopSchedule schedule, long count) {
            return new long[] {load.wallMillis(schedule.timeOf(0)), load.wallMillis(schedule.timeOf(count - 1))};
        }

        /**
         * Sends {@code count} readings of {@code schedule} (over {@code duration}), waits for their
         * answers, drains them into InfluxDB within {@code drainTimeout}, then waits for the probes
         * and alerts.
         */
        private Offered offer(String name, int phase, int rate, OpenLoopSchedule schedule, long count,
                              Duration duration, PipelineLoad.Tally tally, SendStats stats, Duration drainTimeout) {
            int fireEvery = options.fireEvery(rate);
            long[] samples = sampleRange(schedule, count);
            long ticksBefore = stackTicks();
            Usage.Window window = Usage.open(watched);
            generator.send(schedule, 0, count, load.phase(phase, fireEvery, options.probeEvery(rate)), stats,
                    schedule.timeOf(count) + options.requestTimeout().toNanos());
            long sendEnd = System.nanoTime();
            generator.awaitAnswers(options.requestTimeout().plusSeconds(5));
            long accepted = tally.accepted();
            Drain drain = drain(samples[0], samples[1], accepted, sendEnd, drainTimeout);
            probes.awaitPhase(phase, drain.complete() ? Duration.ofSeconds(10) : Duration.ofSeconds(1));
            AlertSubscriber.Phase alerts = subscriber.phase(phase);
            alerts.awaitArrivals(tally.firingIn.sum(), 0, drain.complete() ? Duration.ofSeconds(30) : Duration.ofSeconds(1));
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
            stack.checkAlive();
            return new Offered(step, drain);
        }

        /**
         * Counts the phase's points in InfluxDB every 100 ms until they reach {@code accepted}, nothing
         * arrived for {@code --stall}, or {@code timeout} passed.
         */
        private Drain drain(long firstSample, long lastSample, long accepted, long sendEnd, Duration timeout) {
            long deadline = sendEnd + timeout.toNanos();
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

    /** A phase's figures and how its drain ended. */
    private record Offered(PipelineStep step, Drain drain) {
    }

    private String context(String machine) {
        boolean edge = options.mode() == PipelineMode.EDGE;
        String jvms = edge ? jvm(PipelineStack.EDGE, options.edgeJvm())
                : Stream.of(StackApp.values()).map(a -> jvm(a.name, options.jvms().get(a))).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "%s; JVM options as %s: %s; InfluxDB 1.6.7 and Mosquitto 2.0 (fresh, persistence on, as ./kedge up)"
                        + " on the same machine; %.0f %% of readings over MQTT (QoS 1, %d connections), the rest posted to"
                        + " the broker%s (binary mode, at most %d connections); %d firing readings/s, %d probes/s; steps of"
                        + " %s s after %s s warm-up at %,d/s%s%s. The load generator, the subscriber, the probe poller,"
                        + " the %s, InfluxDB and Mosquitto share these cores.",
                machine, options.mode().launcher, jvms,
                100 * options.mqttShare(), options.mqttConnections(), edge ? " of the edge app" : "", options.connections(),
                options.alertsPerSecond(),
                options.probesPerSecond(), Figures.seconds(options.step()), Figures.seconds(options.warmup()),
                options.warmupRate(), options.burst() == 0 ? "" : String.format(Locale.ROOT,
                        ", then a burst of %,d readings at %,d/s", options.burst(), options.burstRate()),
                options.env().isEmpty() ? "" : "; environment " + options.env(), options.mode().jvms);
    }

    private static String jvm(String name, AppJvm jvm) {
        return name + " `" + String.join(" ", jvm.options()) + "`" + (jvm.environment().isEmpty() ? "" : " " + jvm.environment());
    }
}
