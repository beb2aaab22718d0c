package io.kedge.bench;

import io.kedge.bench.load.ClosedLoopRunner;
import io.kedge.bench.load.DeliveryStats;
import io.kedge.bench.load.LoadGenerator;
import io.kedge.bench.load.NoOpSubscriber;
import io.kedge.bench.load.OpenLoopSchedule;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.ProcessStats;
import io.kedge.bench.load.SendStats;
import io.kedge.bench.load.VertxEventSender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The broker benchmark: starts the real broker (its fast-jar, durability as it ships) with one
 * Trigger to a no-op subscriber in this JVM, offers stepped open-loop loads until the broker
 * saturates, then a burst, and prints the figures as a markdown table (also written to a file).
 * Run {@code ./kedge bench broker --help} for the flags.
 *
 * <p>Output goes to standard output: this is a command whose output is the figures, not a
 * service that logs.
 */
public final class BrokerBench {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final BrokerBenchOptions options;
    private final BenchOutput out;
    private final AtomicInteger phases = new AtomicInteger();
    private final ReadingLoad load = new ReadingLoad();

    BrokerBench(BrokerBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
    }

    public static void main(String[] args) {
        BenchMain.run(args, BrokerBenchOptions::parse, BrokerBenchOptions::help, BrokerBenchOptions::usage, options -> {
            new BrokerBench(options, System.out).run();
            return 0;
        });
    }

    /** Runs the whole benchmark, writes the results file and returns the report. */
    BrokerBenchReport run() {
        Path work = BenchOutput.createDirectories(options.out().toAbsolutePath().getParent())
                .resolve("run-" + ProcessHandle.current().pid());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        try (NoOpSubscriber subscriber = NoOpSubscriber.start(vertx)) {
            BrokerBenchReport report = options.calibrate()
                    ? measure(vertx, subscriber, URI.create(subscriber.url()), null, null, () -> "")
                    : withBroker(vertx, subscriber, work);
            out.publish(report.markdown(), options.out());
            return report;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            BenchOutput.deleteRecursively(work);
        }
    }

    private BrokerBenchReport withBroker(Vertx vertx, NoOpSubscriber subscriber, Path work) {
        Path manifests = work.resolve("manifests");
        BenchManifests.write(manifests, subscriber.url());
        Path services = work.resolve("services.properties");
        Path data = BenchOutput.createDirectories(work.resolve("data"));
        try {
            Files.writeString(services, "# every subscriber of the benchmark is given by uri\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KEDGE_BROKER_MANIFESTS", manifests.toString());
        environment.put("KEDGE_BROKER_SERVICES", services.toString());
        environment.put("KEDGE_BROKER_DATA", data.toString());
        environment.putAll(options.brokerEnv());
        Path log = BenchOutput.beside(options.out(), "log");
        out.progress("starting the broker: %s %s (log %s)", String.join(" ", options.brokerJvm()), options.brokerJar(), log);
        try (JarProcess broker = JarProcess.start("broker", "eventing/broker", options.brokerJar(), options.brokerJvm(),
                environment, log);
             ProcessSampler sampler = new ProcessSampler(broker.pid(), SAMPLE_EVERY)) {
            URI ingress = URI.create(broker.url() + "/" + BenchManifests.NAMESPACE + "/" + BenchManifests.BROKER);
            out.progress("broker pid %d ready at %s, data in %s; subscriber %s", broker.pid(), ingress, data, subscriber.url());
            return measure(vertx, subscriber, ingress, sampler, broker, () -> " " + dataDirectoryNote(data));
        }
    }

    /** What the broker left in KEDGE_BROKER_DATA: says whether the run measured a durable broker. */
    private static String dataDirectoryNote(Path data) {
        try (Stream<Path> files = Files.walk(data)) {
            List<String> found = files.filter(Files::isRegularFile)
                    .map(file -> String.format(Locale.ROOT, "%s %.1f MB", data.relativize(file), size(file) / 1048576.0))
                    .sorted().toList();
            return found.isEmpty()
                    ? "The broker wrote nothing to KEDGE_BROKER_DATA: these figures are of an in-memory broker."
                    : "The broker's KEDGE_BROKER_DATA after the run: " + String.join(", ", found) + ".";
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private BrokerBenchReport measure(Vertx vertx, NoOpSubscriber subscriber, URI target, ProcessSampler broker,
                                      JarProcess process, Supplier<String> afterwards) {
        String context = context();
        List<StepResult> steps = new ArrayList<>();
        BurstResult burst = null;
        try (VertxEventSender sender = new VertxEventSender(vertx, target, options.connections(), options.requestTimeout())) {
            LoadGenerator generator = new LoadGenerator(sender, options.maxOutstanding());
            if (!options.jitWarmup().isZero()) {
                warmUp(generator, subscriber, options.rates().get(0));
                checkAlive(process);
            }
            List<Integer> rates = options.rates();
            for (int i = 0; i < rates.size(); i++) {
                StepResult step = step(generator, subscriber, rates.get(i), broker);
                steps.add(step);
                out.progress("%s", BrokerBenchReport.progressLine(i + 1, rates.size(), step));
                checkAlive(process);
                if (step.saturated()) {
                    break;
                }
            }
            if (options.burst() > 0) {
                burst = burst(sender, subscriber, broker);
                checkAlive(process);
            }
        }
        return new BrokerBenchReport(command(), context + afterwards.get(), steps, burst, options.calibrate());
    }

    private void warmUp(LoadGenerator generator, NoOpSubscriber subscriber, int rate) {
        int phase = phases.incrementAndGet();
        OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), rate);
        long count = schedule.countWithin(options.jitWarmup());
        out.progress("warm-up: %,d events at %,d/s (not measured)", count, rate);
        SendStats stats = new SendStats();
        generator.send(schedule, 0, count, load.phase(phase), stats,
                schedule.timeOf(count) + options.drainTimeout().toNanos());
        generator.awaitAnswers(options.drainTimeout());
        boolean drained = subscriber.phase(phase).awaitDistinct(stats.acceptedCount(), options.drainTimeout());
        out.progress("warm-up done: %,d accepted, %,d delivered%s, %,d × 503, %,d errors", stats.acceptedCount(),
                subscriber.phase(phase).distinct(), drained ? "" : " (the rest not within " + Figures.seconds(options.drainTimeout()) + " s)",
                stats.backpressureCount(), stats.errorCount());
    }

    private StepResult step(LoadGenerator generator, NoOpSubscriber subscriber, int rate, ProcessSampler broker) {
        int warmPhase = phases.incrementAndGet();
        int phase = phases.incrementAndGet();
        OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ofMillis(20), rate);
        long warm = schedule.countWithin(options.warmup());
        long measured = schedule.countWithin(options.step());
        long giveUp = schedule.timeOf(warm + measured) + options.drainTimeout().toNanos();
        SendStats warmStats = new SendStats();
        SendStats stats = new SendStats();
        generator.send(schedule, 0, warm, load.phase(warmPhase), warmStats, giveUp);

        if (broker != null) {
            broker.resetPeak();
        }
        long brokerTicks = broker == null ? 0 : broker.cpuTicks();
        long selfTicks = BenchOutput.ownCpuTicks();
        long cpuStart = System.nanoTime();
        generator.send(schedule, warm, warm + measured, load.phase(phase), stats, giveUp);
        generator.awaitAnswers(options.drainTimeout());
        DeliveryStats delivered = subscriber.phase(phase);
        delivered.awaitDistinct(stats.acceptedCount(), options.drainTimeout());
        long cpuWall = System.nanoTime() - cpuStart;
        double brokerCpu = broker == null ? Double.NaN : ProcessStats.cpuPercent(broker.cpuTicks() - brokerTicks, cpuWall);
        double selfCpu = ProcessStats.cpuPercent(BenchOutput.ownCpuTicks() - selfTicks, cpuWall);
        long peakRss = broker == null ? -1 : broker.peakRssBytes();

        // Rates over first to last arrival: both ends shift by the latency, so a broker that keeps
        // up shows the offered rate; one that falls behind stretches the span and shows less.
        double stepSeconds = options.step().toNanos() / 1e9;
        double acceptWindow = Math.max(stepSeconds, (stats.lastAnswerNanos() - stats.firstAnswerNanos()) / 1e9);
        double deliverWindow = Math.max(stepSeconds, (delivered.lastNanos() - delivered.firstNanos()) / 1e9);
        long unanswered = stats.sentCount() - stats.answeredCount();
        long errors = stats.errorCount() + unanswered;
        double acceptedPerSecond = stats.acceptedCount() / acceptWindow;
        double deliveredPerSecond = delivered.distinct() / deliverWindow;
        double p99 = delivered.latency().percentileMillis(99);
        String saturation = Saturation.reason(rate, deliveredPerSecond, stats.acceptedCount(), delivered.distinct(),
                stats.backpressureCount(), errors, stats.unsentCount(), p99, options.maxP99());
        return new StepResult(rate, stats.sentCount(), stats.acceptedCount(), delivered.distinct(), delivered.duplicates(),
                stats.backpressureCount(), errors, stats.unsentCount(), acceptedPerSecond, deliveredPerSecond,
                delivered.latency().percentileMillis(50), p99, delivered.latency().maxMillis(),
                stats.answerLatency().percentileMillis(99), peakRss, brokerCpu, selfCpu, stats.maxRetryAfter(),
                stats.firstError(), saturation);
    }

    private BurstResult burst(VertxEventSender sender, NoOpSubscriber subscriber, ProcessSampler broker) {
        int phase = phases.incrementAndGet();
        long events = options.burst();
        long before = broker == null ? -1 : broker.rssBytes();
        if (broker != null) {
            broker.resetPeak();
        }
        out.progress("burst: %,d events, %d in flight, as fast as accepted (broker RSS before %s MB)", events,
                options.connections(), Figures.mib(before));
        SendStats stats = new SendStats();
        DeliveryStats delivered = subscriber.phase(phase);
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "burst-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> out.progress("burst: %,d accepted, %,d delivered, %,d × 503, %,d errors, broker RSS %s MB",
                        stats.acceptedCount(), delivered.distinct(), stats.backpressureCount(), stats.errorCount(),
                        Figures.mib(broker == null ? -1 : broker.rssBytes())),
                5, 5, TimeUnit.SECONDS);
        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, options.connections(), Duration.ofSeconds(1))) {
            runner.run(events, load.phase(phase), stats, options.drainTimeout().plusSeconds(events / 500));
            delivered.awaitDistinct(stats.acceptedCount(), options.drainTimeout());
        } finally {
            ticker.shutdownNow();
        }
        long peak = broker == null ? -1 : broker.peakRssBytes();
        pause(options.settle());
        long after = broker == null ? -1 : broker.rssBytes();
        BurstResult result = new BurstResult(events, stats.acceptedCount(), delivered.distinct(), delivered.duplicates(),
                stats.backpressureCount(), stats.errorCount(), stats.unsentCount(),
                Math.max(0, stats.lastAnswerNanos() - start) / 1e9, Math.max(0, delivered.lastNanos() - start) / 1e9,
                delivered.latency().percentileMillis(99), before, peak, after, stats.maxRetryAfter(), stats.firstError());
        out.progress("burst done: %,d accepted in %.1f s, %,d delivered in %.1f s, %,d × 503; broker RSS %s → peak %s → %s MB",
                result.accepted(), result.acceptSeconds(), result.delivered(), result.drainSeconds(), result.backpressure(),
                Figures.mib(before), Figures.mib(peak), Figures.mib(after));
        return result;
    }

    private String context() {
        return String.format(Locale.ROOT,
                "%s; broker JVM `%s`; %d connections; steps %s s after %s s warm-up%s."
                        + " The load generator, the subscriber and the broker share these cores.",
                BenchOutput.machine(),
                options.calibrate() ? "none" : String.join(" ", options.brokerJvm()), options.connections(),
                Figures.seconds(options.step()), Figures.seconds(options.warmup()),
                options.brokerEnv().isEmpty() ? "" : "; broker environment " + options.brokerEnv());
    }

    private String command() {
        return ("./kedge bench broker " + String.join(" ", options.arguments())).trim();
    }

    private static void checkAlive(JarProcess broker) {
        if (broker != null) {
            broker.checkAlive();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
