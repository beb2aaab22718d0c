package io.kedge.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link GroupCommit} coalesces concurrent requests into writes.
 *
 * @param maxSize    most points in one write; InfluxDB recommends 5,000–10,000, but a smaller
 *                   batch bounds the latency of the requests waiting for it
 * @param linger     how long a writer waits at most for more points once it has one; zero writes
 *                   at once, so batches form only from what arrives while earlier writes are in flight
 * @param lingerGap  a lingering writer writes as soon as no point came for this long: under load
 *                   points keep coming and the batch fills, while a lone point waits only this gap
 * @param maxPending points queued for a writer at most; beyond that a request is answered 503 at
 *                   once rather than held while InfluxDB cannot keep up
 * @param writers    writes in flight at most (one thread each)
 */
public record BatchSettings(int maxSize, Duration linger, Duration lingerGap, int maxPending, int writers) {

    /** 1,000 points, no linger (a 200 µs gap if one is set), 10,000 pending, 1 writer: the documented defaults. */
    public static final BatchSettings DEFAULTS = new BatchSettings(1000, Duration.ZERO, Duration.ofNanos(200_000),
            10_000, 1);

    /** Lingers for the whole {@code linger}, however the points come. */
    public BatchSettings(int maxSize, Duration linger, int maxPending, int writers) {
        this(maxSize, linger, linger, maxPending, writers);
    }

    public BatchSettings {
        List<String> problems = new ArrayList<>();
        if (maxSize < 1) {
            problems.add("batch.max-size must be at least 1, got " + maxSize);
        }
        if (linger == null || linger.isNegative()) {
            problems.add("batch.linger must not be negative, got " + linger);
        }
        if (lingerGap == null || lingerGap.isNegative()) {
            problems.add("batch.linger-gap must not be negative, got " + lingerGap);
        }
        if (maxPending < 1) {
            problems.add("batch.max-pending must be at least 1, got " + maxPending);
        }
        if (writers < 1) {
            problems.add("batch.writers must be at least 1, got " + writers);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid kedge.store settings: " + String.join("; ", problems));
        }
    }

    /** Lingers for the whole {@code linger}, however the points come. */
    public BatchSettings withLinger(Duration linger) {
        return new BatchSettings(maxSize, linger, linger, maxPending, writers);
    }

    public BatchSettings withWriters(int writers) {
        return new BatchSettings(maxSize, linger, lingerGap, maxPending, writers);
    }
}
