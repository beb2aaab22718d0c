package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: sends each event at its scheduled time, whether or not earlier requests were
 * answered, the way independent devices send readings. The number of requests awaiting an answer
 * is bounded ({@code maxOutstanding}); when the bound is reached the generator waits and then
 * catches up, and since latency is measured from the scheduled time, that wait counts against the
 * server. One generator drives one load at a time, from the calling thread.
 */
public final class LoadGenerator {

    private final EventSender sender;
    private final int maxOutstanding;
    private final Semaphore outstanding;

    /**
     * @param sender         where the events go; its connection pool bounds the connections
     * @param maxOutstanding requests awaiting an answer at most, e.g. 10,000
     */
    public LoadGenerator(EventSender sender, int maxOutstanding) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1, got " + maxOutstanding);
        }
        this.sender = sender;
        this.maxOutstanding = maxOutstanding;
        this.outstanding = new Semaphore(maxOutstanding);
    }

    /**
     * Sends events {@code from} (inclusive) to {@code to} (exclusive) of {@code schedule}, each at
     * its time, and returns once the last one is sent (answers may still be pending; see
     * {@link #awaitAnswers}). Events still unsent at {@code giveUpNanos} are counted as unsent.
     *
     * @return how many events were sent
     */
    public long send(OpenLoopSchedule schedule, long from, long to, EventSource source, SendStats stats,
                     long giveUpNanos) {
        for (long index = from; index < to; index++) {
            long due = schedule.timeOf(index);
            waitUntil(due);
            if (!acquireBefore(giveUpNanos)) {
                stats.unsent(to - index);
                return index - from;
            }
            HttpMessage message = source.event(index, due);
            stats.sent();
            sender.send(message).whenComplete((result, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    stats.failed(error, now);
                } else {
                    stats.answered(result, due, now);
                }
                outstanding.release(); // after counting, so awaitAnswers sees every answer counted
            });
        }
        return to - from;
    }

    /** Waits until every request sent so far is answered or failed; false when {@code within} passes first. */
    public boolean awaitAnswers(Duration within) {
        try {
            if (outstanding.tryAcquire(maxOutstanding, within.toNanos(), TimeUnit.NANOSECONDS)) {
                outstanding.release(maxOutstanding);
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean acquireBefore(long deadlineNanos) {
        if (outstanding.tryAcquire()) {
            return true;
        }
        try {
            long left = deadlineNanos - System.nanoTime();
            return left > 0 && outstanding.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Parks until {@code due}. Parking wakes up to ~0.1 ms late; the events that became due
     * meanwhile go out back to back, each still measured from its own scheduled time.
     */
    private static void waitUntil(long due) {
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
