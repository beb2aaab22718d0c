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
 * statuses and transport errors are counted and the event is given up. Runs either a fixed
 * number of events ({@link #run}) or for a fixed time ({@link #runFor}).
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
        Run run = new Run(count, Long.MAX_VALUE, false, source, stats);
        if (run.await(within)) {
            return true;
        }
        long left = count - Math.min(count, run.next.getAndSet(count));
        stats.unsent(left);
        return false;
    }

    /**
     * Starts new events for {@code duration}, then lets the lanes finish the events they carry
     * (a 503 still waits and sends again) and returns once every one is answered.
     *
     * @return how many events were started; the lanes may still be busy when {@code drain} passed
     */
    public long runFor(Duration duration, EventSource source, SendStats stats, Duration drain) {
        Run run = new Run(Long.MAX_VALUE, System.nanoTime() + duration.toNanos(), true, source, stats);
        run.await(duration.plus(drain));
        return run.next.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One load: which event is next, and when the lanes stop taking new ones. */
    private final class Run {

        final AtomicLong next = new AtomicLong();
        final long count;
        final long stopAtNanos;
        final boolean timed;
        final EventSource source;
        final SendStats stats;
        final CountDownLatch done = new CountDownLatch(lanes);

        Run(long count, long stopAtNanos, boolean timed, EventSource source, SendStats stats) {
            this.count = count;
            this.stopAtNanos = stopAtNanos;
            this.timed = timed;
            this.source = source;
            this.stats = stats;
            for (int lane = 0; lane < lanes; lane++) {
                sendNext();
            }
        }

        boolean await(Duration within) {
            try {
                return done.await(within.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void sendNext() {
            if (timed && System.nanoTime() - stopAtNanos >= 0) {
                done.countDown();
                return;
            }
            long index = next.getAndIncrement();
            if (index >= count) {
                done.countDown();
                return;
            }
            long sentAt = System.nanoTime();
            HttpMessage message = source.event(index, sentAt);
            stats.sent();
            attempt(message, sentAt);
        }

        private void attempt(HttpMessage message, long sentAt) {
            sender.send(message).whenComplete((result, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    stats.failed(error, now);
                } else {
                    stats.answered(result, sentAt, now);
                    if (result.backpressure()) {
                        Duration wait = result.retryAfter() == null ? defaultRetryAfter : result.retryAfter();
                        timer.schedule(() -> attempt(message, sentAt), wait.toNanos(), TimeUnit.NANOSECONDS);
                        return;
                    }
                }
                sendNext();
            });
        }
    }
}
