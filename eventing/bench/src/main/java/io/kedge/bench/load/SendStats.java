package io.kedge.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server answered to the requests of one phase of a load: counts by kind of answer, the
 * latency until the answer (from the time each request was due), and when the last answer came.
 */
public final class SendStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder backpressure = new LongAdder();
    private final LongAdder transportErrors = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final Map<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> replyTypes = new ConcurrentHashMap<>();
    private final AtomicLong maxRetryAfterMillis = new AtomicLong(-1);
    private final AtomicLong firstAnswerNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final LatencyHistogram answerLatency = new LatencyHistogram();

    public void sent() {
        sent.increment();
    }

    /** Records the answer to a request that was due at {@code dueNanos} and answered at {@code nowNanos}. */
    public void answered(SendResult result, long dueNanos, long nowNanos) {
        firstAnswerNanos.accumulateAndGet(nowNanos, Math::min);
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
        if (result.accepted()) {
            accepted.increment();
            answerLatency.recordNanos(nowNanos - dueNanos);
            if (result.replyType() != null) {
                replyTypes.computeIfAbsent(result.replyType(), t -> new LongAdder()).increment();
            }
        } else if (result.backpressure()) {
            backpressure.increment();
            if (result.retryAfter() != null) {
                maxRetryAfterMillis.accumulateAndGet(result.retryAfter().toMillis(), Math::max);
            }
        } else {
            otherStatuses.computeIfAbsent(result.status(), s -> new LongAdder()).increment();
            firstError.compareAndSet(null, "HTTP " + result.status());
        }
    }

    public void failed(Throwable error, long nowNanos) {
        firstAnswerNanos.accumulateAndGet(nowNanos, Math::min);
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
        transportErrors.increment();
        firstError.compareAndSet(null, describe(error));
    }

    /** Events the generator gave up on because it fell too far behind its schedule. */
    public void unsent(long count) {
        unsent.add(count);
    }

    public long sentCount() {
        return sent.sum();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long backpressureCount() {
        return backpressure.sum();
    }

    public long transportErrorCount() {
        return transportErrors.sum();
    }

    public long unsentCount() {
        return unsent.sum();
    }

    /** Answers other than 2xx and 503, by status. */
    public Map<Integer, Long> otherStatuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        otherStatuses.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }

    /** Accepted answers that carried a reply event, by its {@code ce-type}: what a function made of the requests. */
    public Map<String, Long> replyTypes() {
        Map<String, Long> copy = new TreeMap<>();
        replyTypes.forEach((type, count) -> copy.put(type, count.sum()));
        return copy;
    }

    /** Transport errors plus answers other than 2xx and 503. */
    public long errorCount() {
        return transportErrorCount() + otherStatuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long answeredCount() {
        return acceptedCount() + backpressureCount() + errorCount();
    }

    /** The longest Retry-After seen with a 503, or null when none carried one. */
    public Duration maxRetryAfter() {
        long millis = maxRetryAfterMillis.get();
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    /** {@link System#nanoTime()} of the first answer or failure, {@link Long#MAX_VALUE} before any. */
    public long firstAnswerNanos() {
        return firstAnswerNanos.get();
    }

    /** {@link System#nanoTime()} of the last answer or failure, {@link Long#MIN_VALUE} before any. */
    public long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    /** Due time to 2xx answer, accepted requests only. */
    public LatencyHistogram answerLatency() {
        return answerLatency;
    }

    /** The first error seen, for a note in the results; null when none. */
    public String firstError() {
        return firstError.get();
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.CompletionException || root.getMessage() == null)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
