package io.kedge.bench;

import io.kedge.bench.PipelineLoad.Ingress;
import io.kedge.bench.load.LatencyHistogram;
import io.kedge.testkit.InfluxServer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Sample → stored latency, measured where a user sees a reading: in InfluxDB. Probe readings (a
 * few per second, on devices of their own, one per ingress path) are registered when sent; one
 * thread queries InfluxDB for the probes' points again and again, pausing {@code pollEvery}
 * between queries, and a probe counts as stored when the first answer that holds it arrives.
 * Latency = that answer's arrival − the probe's scheduled send time, which is also its sample
 * time: an upper bound, late by at most the interval between two answers ({@link #meanPollMillis()}
 * on average). Both clocks are this JVM's.
 */
final class ProbeWatcher implements AutoCloseable {

    /** A probe sent and not yet seen in InfluxDB. */
    private record Probe(int phase, long dueNanos, long sampleMillis, Ingress ingress) {
    }

    /** The probes of one phase: latency to InfluxDB overall and per ingress path; how many were sent and seen. */
    static final class Phase {

        private final LatencyHistogram all = new LatencyHistogram();
        private final Map<Ingress, LatencyHistogram> byIngress = new EnumMap<>(Map.of(
                Ingress.HTTP, new LatencyHistogram(), Ingress.MQTT, new LatencyHistogram()));
        private final AtomicLong sent = new AtomicLong();

        void expected() {
            sent.incrementAndGet();
        }

        void seen(Ingress ingress, long latencyNanos) {
            all.recordNanos(latencyNanos);
            byIngress.get(ingress).recordNanos(latencyNanos);
        }

        LatencyHistogram latency() {
            return all;
        }

        LatencyHistogram latency(Ingress ingress) {
            return byIngress.get(ingress);
        }

        long sent() {
            return sent.get();
        }

        long seen() {
            return all.count();
        }
    }

    private final InfluxServer influx;
    private final String database;
    private final String query;
    private final Duration pollEvery;
    private final Map<String, Probe> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Phase> phases = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollIntervalNanos = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts polling.
     *
     * @param devices the probe devices, whose points are all probes
     */
    ProbeWatcher(InfluxServer influx, String database, String measurement, String location, List<String> devices,
                 Duration pollEvery) {
        this.influx = influx;
        this.database = database;
        this.query = String.format(Locale.ROOT, "SELECT \"temperature\", \"device\" FROM \"%s\" WHERE \"location\" = '%s'"
                + " AND (%s) AND time >= ", measurement, location,
                devices.stream().map(d -> "\"device\" = '" + d + "'").collect(Collectors.joining(" OR ")));
        this.pollEvery = pollEvery;
        this.thread = new Thread(this::run, "probe-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Registers a probe reading before it is sent. */
    void expect(int phase, String device, long sampleMillis, long dueNanos, Ingress ingress) {
        phase(phase).expected();
        pending.put(key(device, sampleMillis), new Probe(phase, dueNanos, sampleMillis, ingress));
    }

    /** The probes of {@code phase} (created empty on first use). */
    Phase phase(int phase) {
        return phases.computeIfAbsent(phase, p -> new Phase());
    }

    /** Waits until no probe of {@code phase} is pending; false when {@code within} passed first. */
    boolean awaitPhase(int phase, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (pending.values().stream().anyMatch(p -> p.phase() == phase)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return true;
    }

    /** Mean time between two answers of InfluxDB while probes were pending: how late a latency may be. */
    double meanPollMillis() {
        long n = polls.get();
        return n == 0 ? 0 : pollIntervalNanos.get() / 1e6 / n;
    }

    private void run() {
        long previous = 0;
        while (running) {
            if (pending.isEmpty()) {
                previous = 0;
                LockSupport.parkNanos(Math.max(pollEvery.toNanos(), 1_000_000));
                continue;
            }
            long from = pending.values().stream().mapToLong(Probe::sampleMillis).min().orElse(0);
            List<Map<String, Object>> rows = rows(from);
            long now = System.nanoTime();
            if (previous != 0) {
                polls.incrementAndGet();
                pollIntervalNanos.addAndGet(now - previous);
            }
            previous = now;
            for (Map<String, Object> row : rows) {
                Object time = row.get("time");
                Object device = row.get("device");
                if (time instanceof Number millis && device != null) {
                    Probe probe = pending.remove(key(device.toString(), millis.longValue()));
                    if (probe != null) {
                        phase(probe.phase()).seen(probe.ingress(), now - probe.dueNanos());
                    }
                }
            }
            if (!pollEvery.isZero()) {
                LockSupport.parkNanos(pollEvery.toNanos());
            }
        }
    }

    private List<Map<String, Object>> rows(long fromMillis) {
        try {
            return influx.rows(database, query + fromMillis + "ms");
        } catch (IllegalStateException e) {
            return List.of(); // the database is not there yet, or InfluxDB is busy: the next poll sees it
        }
    }

    private static String key(String device, long sampleMillis) {
        return device + '|' + sampleMillis;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
