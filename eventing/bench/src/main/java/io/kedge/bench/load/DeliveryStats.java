package io.kedge.bench.load;

import java.time.Duration;
import java.util.BitSet;

/** What a subscriber received of one phase: distinct events, duplicates, latency, the last arrival. */
public final class DeliveryStats {

    private final BitSet seen = new BitSet();
    private final LatencyHistogram latency = new LatencyHistogram();
    private long distinct;
    private long duplicates;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    /** Records event {@code seq}, sent {@code latencyNanos} before it arrived at {@code nowNanos}. */
    public synchronized void record(int seq, long latencyNanos, long nowNanos) {
        firstNanos = Math.min(firstNanos, nowNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        if (seen.get(seq)) {
            duplicates++; // at-least-once delivery: a redelivery is not a new event
            return;
        }
        seen.set(seq);
        distinct++;
        latency.recordNanos(latencyNanos);
        notifyAll();
    }

    public synchronized long distinct() {
        return distinct;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    /** {@link System#nanoTime()} of the first arrival, {@link Long#MAX_VALUE} before any. */
    public synchronized long firstNanos() {
        return firstNanos;
    }

    /** {@link System#nanoTime()} of the last arrival, {@link Long#MIN_VALUE} before any. */
    public synchronized long lastNanos() {
        return lastNanos;
    }

    /** Send to first arrival of each distinct event. */
    public LatencyHistogram latency() {
        return latency;
    }

    /** Waits until {@code count} distinct events arrived; false when {@code within} passed first. */
    public synchronized boolean awaitDistinct(long count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (distinct < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
