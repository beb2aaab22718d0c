package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: a fixed number of lanes, each sending its next event as soon as the previous
 * one was answered: as fast as the server accepts. A 503 is honoured: the lane waits the
 * {@code Retry-After} (or {@code defaultRetryAfter}) and sends the same event again. Other
 * statuses and transport errors are counted and the event is given up.
 */
public final class ClosedLoopRunner implements AutoCloseable {

    private final EventSender sender;
    private final int lanes;
    private final Duration defaultRetryAfter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "closed-loop-retry");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param lanes             requests in flight at once
     * @param defaultRetryAfter the wait after a 503 without a readable Retry-After
     */
    public ClosedLoopRunner(EventSender sender, int lanes, Duration defaultRetryAfter) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        }
        this.sender = sender;
        this.lanes = lanes;
        this.defaultRetryAfter = defaultRetryAfter;
    }

    /**
     * Sends events 0 to {@code count - 1} and returns once each is accepted or given up.
     *
     * @return false when {@code within} passed first (the remaining events count as unsent)
     */
    public boolean run(long count, EventSource source, SendStats stats, Duration within) {
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            sendNext(next, count, source, stats, done);
        }
        try {
            if (done.await(within.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = count - Math.min(count, next.getAndSet(count));
        stats.unsent(left);
        return false;
    }

    private void sendNext(AtomicLong next, long count, EventSource source, SendStats stats, CountDownLatch done) {
        long index = next.getAndIncrement();
        if (index >= count) {
            done.countDown();
            return;
        }
        long sentAt = System.nanoTime();
        HttpMessage message = source.event(index, sentAt);
        stats.sent();
        attempt(message, sentAt, next, count, source, stats, done);
    }

    private void attempt(HttpMessage message, long sentAt, AtomicLong next, long count, EventSource source,
                         SendStats stats, CountDownLatch done) {
        sender.send(message).whenComplete((result, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                stats.failed(error, now);
            } else {
                stats.answered(result, sentAt, now);
                if (result.backpressure()) {
                    Duration wait = result.retryAfter() == null ? defaultRetryAfter : result.retryAfter();
                    timer.schedule(() -> attempt(message, sentAt, next, count, source, stats, done),
                            wait.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                }
            }
            sendNext(next, count, source, stats, done);
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
