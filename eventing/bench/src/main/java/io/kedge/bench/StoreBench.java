package io.kedge.bench;

import io.kedge.bench.FunctionBenchOptions.Function;
import io.kedge.bench.load.EventSource;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.VertxEventSender;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.InfluxServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store benchmark: starts a fresh InfluxDB 1.6.7 and the real store function (its fast-jar,
 * as {@code ./kedge up} runs it), posts validated readings straight to it, each a distinct point:
 * a closed-loop run with 64 requests in flight, then stepped open-loop loads until it saturates.
 * After each run it counts the points in InfluxDB, so the report sets what the store acknowledged
 * against what InfluxDB holds. Run {@code ./kedge bench store --help} for the flags.
 */
public final class StoreBench {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    /** Field counted in InfluxDB: every reading of the load carries a temperature. */
    private static final String COUNTED_FIELD = "temperature";
    /** Readings built ahead per second of a closed-loop run: above the store's target of 30,000/s. */
    private static final long PREBUILT_PER_SECOND = 40_000;
    /** About 1 KiB each: at most ~1 GiB of the benchmark's heap. */
    private static final long MAX_PREBUILT = 1_000_000;

    private final FunctionBenchOptions options;
    private final BenchOutput out;
    private final String database;
    private final String measurement;

    StoreBench(FunctionBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
        this.database = options.env().getOrDefault("KEDGE_STORE_INFLUX_DATABASE", "sensor_data");
        this.measurement = options.env().getOrDefault("KEDGE_STORE_INFLUX_MEASUREMENT", "rpi_dht11");
    }

    /** Exits 3 when a reading was acknowledged that InfluxDB does not hold. */
    public static void main(String[] args) {
        BenchMain.run(Function.STORE, args, options -> {
            StoreBenchReport report = new StoreBench(options, System.out).run();
            if (report.stored() < report.acknowledged() || !report.runs().stream().allMatch(StoreRun::nothingLost)) {
                System.err.println("bench: the store acknowledged readings that InfluxDB does not hold; see the table");
                return 3;
            }
            return 0;
        });
    }

    /** Runs the whole benchmark, writes the results file and returns the report. */
    StoreBenchReport run() {
        String machine = BenchOutput.machine();
        Path log = BenchOutput.beside(options.out(), "log");
        BenchOutput.createDirectories(log.getParent());
        out.progress("starting a fresh InfluxDB (influxd)");
        InfluxServer influx = InfluxServer.start();
        try (StopAtExit stopInflux = new StopAtExit("influxd", influx::close);
             ProcessSampler influxSampler = new ProcessSampler(influx.pid(), SAMPLE_EVERY)) {
            String version = influxVersion(influx);
            out.progress("InfluxDB %s pid %d ready at %s", version, influx.pid(), influx.url());
            Ledger ledger = new Ledger(influx);
            List<StoreRun> runs = new ArrayList<>();
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
            try {
                measure(vertx, influx, influxSampler, log, ledger, runs);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
            // after the store stopped: whatever it wrote on its way out counts too
            StoreBenchReport report = new StoreBenchReport(options.command(), context(machine, version), runs,
                    ledger.acknowledged, points(influx));
            out.publish(report.markdown(), options.out());
            return report;
        }
    }

    private void measure(Vertx vertx, InfluxServer influx, ProcessSampler influxSampler, Path log, Ledger ledger,
                         List<StoreRun> runs) {
        out.progress("starting store: %s %s (log %s)", String.join(" ", options.jvm()), options.jar(), log);
        try (JarProcess app = JarProcess.start("store", Function.STORE.module, options.jar(), options.jvm(),
                environment(influx), log);
             ProcessSampler storeSampler = new ProcessSampler(app.pid(), SAMPLE_EVERY);
             VertxEventSender sender = new VertxEventSender(vertx, URI.create(app.url() + "/"),
                     Math.max(options.connections(), options.concurrency()), options.requestTimeout())) {
            out.progress("store pid %d ready at %s", app.pid(), app.url());
            FunctionLoad load = new FunctionLoad(sender, options.maxOutstanding(),
                    List.of(new Watched("store", storeSampler), new Watched("influxd", influxSampler)),
                    options.drainTimeout(), options.maxP99());
            StoreLoad events = new StoreLoad();
            ledger.start();
            if (!options.jitWarmup().isZero()) {
                out.progress("warm-up: closed loop, %d in flight, %s s (not measured)", options.concurrency(),
                        Figures.seconds(options.jitWarmup()));
                StoreRun warm = ledger.after(load.closedLoop(options.concurrency(), options.jitWarmup(), events));
                out.progress("%s", StoreBenchReport.progressLine("warm-up done", warm));
                app.checkAlive();
            }
            if (!options.duration().isZero()) {
                out.progress("closed loop: %d in flight, new readings for %s s", options.concurrency(),
                        Figures.seconds(options.duration()));
                EventSource built = prebuilt(events, options.duration().toSeconds() * PREBUILT_PER_SECOND);
                StoreRun closed = ledger.after(load.closedLoop(options.concurrency(), options.duration(), built));
                runs.add(closed);
                out.progress("%s", StoreBenchReport.progressLine(
                        String.format(Locale.ROOT, "closed loop %d concurrent", options.concurrency()), closed));
                app.checkAlive();
            }
            List<Integer> rates = options.rates();
            for (int i = 0; i < rates.size(); i++) {
                long count = (long) rates.get(i) * (options.warmup().toMillis() + options.step().toMillis()) / 1000;
                StoreRun step = ledger.after(load.step(rates.get(i), options.warmup(), options.step(),
                        () -> prebuilt(events, count)));
                runs.add(step);
                out.progress("%s", StoreBenchReport.progressLine(
                        String.format(Locale.ROOT, "step %d/%d %,7d/s", i + 1, rates.size(), rates.get(i)), step));
                app.checkAlive();
                if (step.result().saturated()) {
                    break;
                }
            }
        }
    }

    /**
     * The next {@code count} readings of {@code events}, built before a measured run so that the
     * load generator, which shares the two cores with the store and InfluxDB, spends them on
     * sending: building a reading event (JSON, id, headers) costs about a fifth of its CPU. Should
     * a run take more, the rest is built on the fly; either way each reading is a point of its own.
     */
    private EventSource prebuilt(StoreLoad events, long count) {
        int size = (int) Math.min(count, MAX_PREBUILT);
        out.progress("building %,d readings before the run", size);
        List<HttpMessage> built = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            built.add(events.event(i, 0));
        }
        AtomicInteger next = new AtomicInteger();
        return (index, sentNanos) -> {
            int i = next.getAndIncrement();
            return i < size ? built.get(i) : events.event(index, sentNanos);
        };
    }

    /** Acknowledged against stored, run by run: the points counted after the last run, and every 2xx so far. */
    private final class Ledger {

        private final InfluxServer influx;
        private long counted;
        private long acknowledged;

        Ledger(InfluxServer influx) {
            this.influx = influx;
        }

        void start() {
            counted = points(influx);
        }

        /** Counts the points once {@code result}'s answers are all in. */
        StoreRun after(LoadResult result) {
            long now = points(influx);
            StoreRun run = new StoreRun(result, now - counted);
            counted = now;
            acknowledged += run.acknowledged();
            return run;
        }
    }

    /** Where the store writes: the fresh InfluxDB, 1.x API, whatever the caller's environment says; then {@code --env}. */
    private Map<String, String> environment(InfluxServer influx) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("INFLUX_URL", influx.url());
        environment.put("KEDGE_STORE_INFLUX_URL", influx.url());
        environment.put("KEDGE_STORE_INFLUX_API", "v1");
        environment.putAll(options.env());
        return environment;
    }

    /** Points of the measurement: {@code SELECT count(temperature) FROM rpi_dht11}; 0 before the database exists. */
    private long points(InfluxServer influx) {
        try {
            return influx.count(database, measurement, COUNTED_FIELD);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("database not found")) {
                return 0;
            }
            throw e;
        }
    }

    /** What {@code /ping} says in {@code X-Influxdb-Version}. */
    private static String influxVersion(InfluxServer influx) {
        try {
            HttpResponse<Void> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(influx.url() + "/ping"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return ping.headers().firstValue("X-Influxdb-Version").orElse("1.x");
        } catch (IOException e) {
            return "1.x";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "1.x";
        }
    }

    private String context(String machine, String influxVersion) {
        return String.format(Locale.ROOT,
                "%s; store JVM `%s`; InfluxDB %s (fresh, same machine); closed loop %d concurrent for %s s; steps %s s"
                        + " after %s s lead-in over at most %d connections; %s s closed-loop JIT warm-up first%s."
                        + " The load generator, the store and InfluxDB share these cores.",
                machine, String.join(" ", options.jvm()), influxVersion, options.concurrency(),
                Figures.seconds(options.duration()), Figures.seconds(options.step()), Figures.seconds(options.warmup()),
                Math.max(options.connections(), options.concurrency()), Figures.seconds(options.jitWarmup()),
                options.env().isEmpty() ? "; group commit as the store ships (KEDGE_STORE_BATCH_* defaults)"
                        : "; store environment " + options.env());
    }
}
