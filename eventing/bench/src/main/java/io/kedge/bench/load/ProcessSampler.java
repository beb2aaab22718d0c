package io.kedge.bench.load;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples one process's resident memory every {@code every} and keeps the peak since the last
 * {@link #resetPeak()}: a short allocation spike between two reads of a step would otherwise go
 * unseen. CPU needs no sampling: {@link #cpuTicks()} reads the running total.
 */
public final class ProcessSampler implements AutoCloseable {

    private final long pid;
    private final AtomicLong peakRss = new AtomicLong();
    private final ScheduledExecutorService timer;

    public ProcessSampler(long pid, Duration every) {
        this.pid = pid;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rss-sampler-" + pid);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::rssBytes, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    public long pid() {
        return pid;
    }

    /** Resident memory now (also counted towards the peak); 0 once the process is gone. */
    public long rssBytes() {
        long rss = ProcessStats.read(pid).map(ProcessStats::rssBytes).orElse(0L);
        peakRss.accumulateAndGet(rss, Math::max);
        return rss;
    }

    /** CPU ticks used so far; see {@link ProcessStats#TICKS_PER_SECOND}. */
    public long cpuTicks() {
        return ProcessStats.read(pid).map(ProcessStats::cpuTicks).orElse(0L);
    }

    /** The highest resident memory seen since the last reset, including a read now. */
    public long peakRssBytes() {
        rssBytes();
        return peakRss.get();
    }

    /** Starts a new peak window from the current resident memory. */
    public void resetPeak() {
        peakRss.set(0);
        rssBytes();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
