package io.kedge.bench;

import io.kedge.bench.ColdStartOptions.App;
import io.kedge.bench.ColdStartOptions.Mode;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cold-start benchmark (issue 8): for each function and the broker, the time from the fork of
 * its JVM to the first event it handled, started as {@code ./kedge up} starts it. One event is
 * posted again and again (every {@code --poll-every}) until the app answers 2xx; a refused
 * connection or a 503 (not ready yet) means "again". In JVM mode, and with AppCDS: a training run
 * per app (its own JVM options plus {@code -XX:ArchiveClassesAtExit}, one event handled, SIGTERM)
 * writes a dynamic archive of every class it loaded; the timed runs add
 * {@code -XX:SharedArchiveFile}, and each checks in {@code /proc/<pid>/maps} that the JVM mapped
 * it. Runs of the two modes alternate, so that a change in the machine's load hits both alike.
 */
public final class ColdStartBench {

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");
    private static final Duration ARCHIVE_GRACE = Duration.ofSeconds(120);

    private final ColdStartOptions options;
    private final BenchOutput out;
    private final Path root = BenchFlags.repositoryRoot(Path.of(""));
    private final ColdStartEvents events = new ColdStartEvents();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    ColdStartBench(ColdStartOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
    }

    public static void main(String[] args) {
        BenchMain.run(args, ColdStartOptions::parse, ColdStartOptions::help, ColdStartOptions::usage, options -> {
            new ColdStartBench(options, System.out).run();
            return 0;
        });
    }

    /** Times every app in every mode, writes the results file and returns the report. */
    ColdStartReport run() {
        String machine = BenchOutput.machine();
        Path work = BenchOutput.createDirectories(options.out().toAbsolutePath().getParent())
                .resolve("coldstart-run-" + ProcessHandle.current().pid());
        out.progress("starting a fresh InfluxDB (influxd) for store, alert and aggregate");
        InfluxServer influx = InfluxServer.start();
        try (StopAtExit stopInflux = new StopAtExit("influxd", influx::close)) {
            // the benchmark's own HTTP client loads its classes here, not in the first timed run
            answer(URI.create(influx.url() + "/ping"), null);
            List<ColdStartReport.AppResult> results = new ArrayList<>();
            for (App app : options.apps()) {
                results.addAll(time(app, influx, work));
            }
            ColdStartReport report = new ColdStartReport(options.command(), context(machine), results, options.archives());
            out.publish(report.markdown(), options.out());
            return report;
        } finally {
            BenchOutput.deleteRecursively(work);
        }
    }

    private List<ColdStartReport.AppResult> time(App app, InfluxServer influx, Path work) {
        Path archive = BenchOutput.createDirectories(options.archives()).resolve(app.name + ".jsa");
        double trainingSeconds = options.modes().contains(Mode.APPCDS) ? train(app, influx, work, archive) : Double.NaN;
        Map<Mode, List<ColdStartReport.Start>> starts = new LinkedHashMap<>();
        options.modes().forEach(mode -> starts.put(mode, new ArrayList<>()));
        for (int run = 1; run <= options.runs(); run++) {
            for (Mode mode : options.modes()) {
                ColdStartReport.Start start = start(app, mode, influx, work, archive, run);
                starts.get(mode).add(start);
                out.progress("%s %s run %d/%d: pid %d handled its first event after %s s%s (load average %s)", app.name,
                        mode.label, run, options.runs(), start.pid(), seconds(start.seconds()),
                        mode == Mode.APPCDS ? (start.archiveMapped() ? ", archive mapped" : ", ARCHIVE NOT MAPPED") : "",
                        start.loadAverage());
            }
        }
        List<ColdStartReport.AppResult> results = new ArrayList<>();
        starts.forEach((mode, list) -> results.add(new ColdStartReport.AppResult(app.name, app.function, mode, list,
                mode == Mode.APPCDS ? trainingSeconds : Double.NaN,
                mode == Mode.APPCDS ? size(archive) : -1)));
        return results;
    }

    /** The training run: the app as it runs, plus -XX:ArchiveClassesAtExit; one event; SIGTERM; the archive. */
    private double train(App app, InfluxServer influx, Path work, Path archive) {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + archive, e);
        }
        List<String> jvm = new ArrayList<>(options.jvms().get(app).options());
        jvm.add("-XX:ArchiveClassesAtExit=" + archive);
        out.progress("%s: training run for the AppCDS archive (%s)", app.name, archive);
        long start = System.nanoTime();
        JarProcess process = spawn(app, jvm, influx, work, log(app, "training"));
        firstEvent(app, process);
        boolean clean = process.stop(ARCHIVE_GRACE);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!clean || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the " + app.name + " wrote no AppCDS archive at exit" + (clean ? "" : " (it did"
                    + " not stop within " + ARCHIVE_GRACE.toSeconds() + " s of SIGTERM)") + "; " + process.logTail());
        }
        out.progress("%s: archive of %.0f MiB written (training run %s s)", app.name, size(archive) / 1048576.0, seconds(seconds));
        return seconds;
    }

    private ColdStartReport.Start start(App app, Mode mode, InfluxServer influx, Path work, Path archive, int run) {
        List<String> jvm = new ArrayList<>(options.jvms().get(app).options());
        if (mode == Mode.APPCDS) {
            jvm.add("-XX:SharedArchiveFile=" + archive);
        }
        Path log = log(app, mode.flag + "-" + run);
        long forked = System.nanoTime();
        JarProcess process = spawn(app, jvm, influx, work, log);
        try {
            firstEvent(app, process);
            double seconds = (System.nanoTime() - forked) / 1e9;
            boolean mapped = mode == Mode.APPCDS && maps(process.pid()).contains(archive.toString());
            return new ColdStartReport.Start(seconds, mapped, BenchOutput.loadAverage(), log, process.pid());
        } finally {
            process.stop(Duration.ofSeconds(15));
        }
    }

    private JarProcess spawn(App app, List<String> jvm, InfluxServer influx, Path work, Path log) {
        Map<String, String> env = new LinkedHashMap<>(options.jvms().get(app).environment());
        env.putAll(environment(app, influx, work));
        env.putAll(options.env());
        return JarProcess.spawn(app.name, app.module, options.jar(root, app), jvm, env, log, FreePorts.next());
    }

    /** As {@code ./kedge up} gives it, with a sink nobody listens on (a calm reading posts nothing there). */
    private Map<String, String> environment(App app, InfluxServer influx, Path work) {
        String sink = "http://127.0.0.1:" + FreePorts.next() + "/kedge/default";
        return switch (app) {
            case VALIDATE -> Map.of();
            case STORE -> Map.of("KEDGE_STORE_INFLUX_URL", influx.url());
            case ALERT -> Map.of("KEDGE_ALERT_INFLUX_URL", influx.url(), "K_SINK", sink);
            case AGGREGATE -> Map.of("KEDGE_AGGREGATE_INFLUX_URL", influx.url(), "K_SINK", sink);
            case BROKER -> Map.of(
                    "KEDGE_BROKER_MANIFESTS", brokerOnly(work).toString(),
                    "KEDGE_BROKER_SERVICES", root.resolve("eventing/local/services.properties").toString(),
                    // a fresh store each start: nothing to recover, as on a first boot
                    "KEDGE_BROKER_DATA", work.resolve("broker-" + System.nanoTime()).toString());
        };
    }

    /** eventing/k8s's Broker alone: the broker's start and ingress, no Trigger delivering to a dead port. */
    private Path brokerOnly(Path work) {
        Path dir = work.resolve("broker-manifests");
        try {
            if (!Files.isRegularFile(dir.resolve("broker.yaml"))) {
                Files.createDirectories(dir);
                Files.copy(root.resolve("eventing/k8s/broker.yaml"), dir.resolve("broker.yaml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's manifests into " + dir, e);
        }
        return dir;
    }

    /** Posts a new event every {@code --poll-every} until one is answered 2xx. */
    private void firstEvent(App app, JarProcess process) {
        URI target = URI.create(process.url() + app.path);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            Optional<Integer> status = answer(target, events.event(app));
            if (status.isPresent() && status.get() / 100 == 2) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + app.name + " exited before it handled an event; " + process.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + app.name + " answered no event 2xx within "
                        + Figures.seconds(options.timeout()) + " s (last answer " + status.map(String::valueOf).orElse("none")
                        + "); " + process.logTail());
            }
            if (!options.pollEvery().isZero()) {
                LockSupport.parkNanos(options.pollEvery().toNanos());
            }
        }
    }

    /** The status of a POST of {@code message} (a GET without one); empty when nothing answered. */
    private Optional<Integer> answer(URI target, HttpMessage message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10));
        if (message == null) {
            request.GET();
        } else {
            message.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length")) {
                    request.header(name, value);
                }
            });
            request.POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        }
        try {
            return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to " + target, e);
        }
    }

    private Path log(App app, String what) {
        return BenchOutput.beside(options.out(), "log").resolveSibling("coldstart-" + app.name + "-" + what + ".log");
    }

    private static String maps(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Quarkus' own "started in" from an app's log, in seconds; NaN when the log has none. */
    static double startedIn(Path log) {
        try {
            Matcher matcher = STARTED_IN.matcher(Files.readString(log));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private String context(String machine) {
        return String.format(Locale.ROOT, "%s; JVM options as ./kedge up: %s; %d runs per app and mode, alternating;"
                        + " one attempt every %d ms; each app on a fresh port, the broker on a fresh data directory;"
                        + " store, alert and aggregate with one InfluxDB 1.6.7 (already running)%s.",
                machine,
                Stream.of(App.values()).filter(options.apps()::contains).map(a -> a.name + " `"
                        + String.join(" ", options.jvms().get(a).options()) + "`").collect(Collectors.joining(", ")),
                options.runs(), options.pollEvery().toMillis(),
                options.env().isEmpty() ? "" : "; environment " + options.env());
    }
}
