package io.kedge.edge;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Footprint measurement of the edge app (a command that prints figures, not a test): samples the
 * process's resident memory and CPU while idle, then while readings are posted to its broker at a
 * fixed rate (open loop, each reading its own device sample time, so every one is a new point).
 * JDK only, so it runs as a single source file against the packaged app:
 *
 * <pre>
 * java eventing/edge/src/test/java/io/kedge/edge/EdgeLoad.java --pid PID --url http://127.0.0.1:8080/kedge/default \
 *      [--rate 1000] [--seconds 60] [--idle 20] [--devices 16] [--max-outstanding 64]
 * </pre>
 *
 * Standard output, not a logger: the output of this command is the figures.
 */
public final class EdgeLoad {

    private static final PrintStream OUT = System.out;

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        long pid = Long.parseLong(required(flags, "pid"));
        URI url = URI.create(flags.getOrDefault("url", "http://127.0.0.1:8080/kedge/default"));
        int rate = Integer.parseInt(flags.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(flags.getOrDefault("seconds", "60"));
        int idle = Integer.parseInt(flags.getOrDefault("idle", "20"));
        int devices = Integer.parseInt(flags.getOrDefault("devices", "16"));

        Sample idleStart = Sample.of(pid);
        long idlePeak = watch(pid, Duration.ofSeconds(idle), null);
        Sample idleEnd = Sample.of(pid);
        OUT.printf(Locale.ROOT, "idle %ds: RSS %d MiB (peak %d MiB), CPU %.1f%% of one core; load average %s%n",
                idle, mib(idleEnd.rss()), mib(idlePeak), idleEnd.cpuPercentSince(idleStart), loadAverage());

        Load load = new Load(url, devices, Integer.parseInt(flags.getOrDefault("max-outstanding", "64")));
        Sample loadStart = Sample.of(pid);
        long loadPeak = watch(pid, Duration.ofSeconds(seconds), () -> load.sendDue(rate, loadStart.nanos()));
        Sample loadEnd = Sample.of(pid);
        load.drain(Duration.ofSeconds(30));
        OUT.printf(Locale.ROOT, "load %d readings/s for %ds: offered %d, skipped %d (%d outstanding), sent %d, answers %s,"
                        + " errors %d %s; 202 latency p50 %.1f ms, p99 %.1f ms%n", rate, seconds, load.offered, load.skipped,
                load.maxOutstanding, load.sent.get(), load.statuses, load.errors.sum(), load.errorKinds,
                load.latencyMillis(0.50), load.latencyMillis(0.99));
        OUT.printf(Locale.ROOT, "under load: RSS %d MiB at the end (peak %d MiB), CPU %.1f%% of one core"
                        + " (%.2f ms per reading); load average %s%n", mib(loadEnd.rss()), mib(loadPeak),
                loadEnd.cpuPercentSince(loadStart), loadEnd.cpuMillisSince(loadStart) / Math.max(1, load.sent.get()),
                loadAverage());
        OUT.printf(Locale.ROOT, "readings of devices load-0..load-%d start at %s (count them in InfluxDB)%n",
                devices - 1, load.base);
        load.close();
    }

    /** Samples RSS every 100 ms for {@code period}, running {@code tick} in between; returns the peak. */
    private static long watch(long pid, Duration period, Runnable tick) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        long peak = 0;
        long nextSample = 0;
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextSample) {
                peak = Math.max(peak, Sample.of(pid).rss());
                nextSample = System.nanoTime() + 100_000_000L;
            }
            if (tick != null) {
                tick.run();
            }
            Thread.sleep(1);
        }
        return peak;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Resident memory and CPU time of a process, from /proc. */
    private record Sample(long nanos, long rss, long cpuTicks) {

        private static final long TICKS_PER_SECOND = 100;

        static Sample of(long pid) {
            try {
                long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                        .findFirst().orElse(0);
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                return new Sample(System.nanoTime(), rss, ticks);
            } catch (IOException e) {
                throw new IllegalStateException("process " + pid + " is not running: " + e.getMessage(), e);
            }
        }

        double cpuMillisSince(Sample start) {
            return (cpuTicks - start.cpuTicks) * 1000.0 / TICKS_PER_SECOND;
        }

        double cpuPercentSince(Sample start) {
            return cpuMillisSince(start) / ((nanos - start.nanos) / 1e6) * 100;
        }
    }

    /** Posts binary-mode readings, each with the next sample time, and counts the answers. */
    private static final class Load implements AutoCloseable {

        private final URI url;
        private final int devices;
        private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final HttpClient client = HttpClient.newBuilder().executor(executor)
                .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        private final int maxOutstanding;
        private long offered;
        private long skipped;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final LongAdder errors = new LongAdder();
        private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final long[] latencies = new long[1 << 20];
        private final AtomicLong latencyCount = new AtomicLong();

        Load(URI url, int devices, int maxOutstanding) {
            this.url = url;
            this.devices = devices;
            this.maxOutstanding = maxOutstanding;
        }

        /** Sends what the schedule has due by now: {@code rate} per second since {@code startNanos}. */
        void sendDue(int rate, long startNanos) {
            long due = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
            while (offered < due) {
                offered++;
                if (sent.get() - answered.get() >= maxOutstanding) {
                    skipped++; // the app is not keeping up: counted, not queued without bound in this client
                } else {
                    send(sent.getAndIncrement());
                }
            }
        }

        private void send(long n) {
            String device = "load-" + (n % devices);
            String time = base.plusMillis(n).toString();
            String body = "{\"deviceId\":\"" + device + "\",\"location\":\"bench\",\"sensor\":\"dht11\",\"temperature\":"
                    + (20.0 + (n % 50) / 10.0) + ",\"humidity\":45.0,\"time\":\"" + time + "\"}";
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Ce-Specversion", "1.0")
                    .header("Ce-Id", device + "-dht11-" + time)
                    .header("Ce-Type", "io.kedge.reading.v1")
                    .header("Ce-Source", "/devices/" + device)
                    .header("Ce-Subject", "dht11")
                    .header("Ce-Time", time)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long started = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    errors.increment();
                    Throwable cause = error.getCause() == null ? error : error.getCause();
                    errorKinds.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
                } else {
                    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                    long index = latencyCount.getAndIncrement();
                    if (index < latencies.length) {
                        latencies[(int) index] = System.nanoTime() - started;
                    }
                }
                answered.incrementAndGet();
            });
        }

        void drain(Duration within) throws InterruptedException {
            long end = System.nanoTime() + within.toNanos();
            while (answered.get() < sent.get() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
        }

        double latencyMillis(double quantile) {
            int count = (int) Math.min(latencyCount.get(), latencies.length);
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) Math.ceil(quantile * count) - 1)] / 1e6;
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --pid PID [--url URL] [--rate N] [--seconds S] [--idle S]"
                        + " [--devices N] [--max-outstanding N]; got " + String.join(" ", args));
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        return flags;
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private EdgeLoad() {
    }
}
