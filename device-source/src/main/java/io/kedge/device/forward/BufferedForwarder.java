package io.kedge.device.forward;

import io.kedge.contract.data.Reading;
import io.kedge.device.Intervals;
import io.kedge.device.send.ReadingSender;
import io.kedge.device.send.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Store and forward: readings go into a {@link ReadingBuffer} and one thread sends them oldest
 * first. When a send fails in a retryable way the head stays put and the thread waits out a
 * {@link Backoff} before trying it again, so readings arrive in order and, short of a lost
 * acknowledgement, once. A reading the sink refuses as a bad event is dropped so it cannot block
 * the ones behind it.
 *
 * <p>Logs once when the sink goes down and once when it is back; no line per reading.
 */
public final class BufferedForwarder implements Forwarder {

    private static final Logger LOG = Logger.getLogger(BufferedForwarder.class);

    private final ReadingBuffer buffer;
    private final ReadingSender sender;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean sinkUp = true;
    private volatile boolean overflowing;

    // Touched only on the worker thread.
    private boolean retryScheduled;
    private Instant downSince;

    public BufferedForwarder(ReadingBuffer buffer, ReadingSender sender, Backoff backoff, Clock clock) {
        this.buffer = buffer;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kedge-forwarder");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void offer(Reading reading) {
        Optional<Reading> evicted = buffer.add(reading);
        if (evicted.isPresent()) {
            dropped.incrementAndGet();
            if (!overflowing) {
                overflowing = true;
                LOG.warnf("Buffer full (%d readings): dropping the oldest to keep the newest", buffer.capacity());
            }
        }
        try {
            worker.execute(this::drainUnlessWaiting);
        } catch (RejectedExecutionException e) {
            LOG.debugf("Forwarder closed; reading of %s at %s stays in the buffer", reading.sensor(), reading.time());
        }
    }

    @Override
    public ForwardingStats stats() {
        return new ForwardingStats(sent.get(), dropped.get(), buffer.size(), sinkUp);
    }

    /** Stops sending; what is still queued stays in the buffer (and, in memory, is lost). */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Forwarder thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = buffer.size();
        if (left > 0) {
            LOG.warnf("Stopped with %d readings not yet delivered to %s", left, sender.target());
        }
    }

    private void drainUnlessWaiting() {
        if (!retryScheduled) {
            drain();
        }
    }

    private void drain() {
        Optional<Reading> head;
        while ((head = buffer.peek()).isPresent() && !Thread.currentThread().isInterrupted()) {
            Reading reading = head.get();
            SendOutcome outcome = sender.send(reading);
            switch (outcome.result()) {
                case DELIVERED -> {
                    if (buffer.removeHead(reading)) {
                        sent.incrementAndGet();
                    }
                    sinkReached();
                }
                case REJECTED -> {
                    if (buffer.removeHead(reading)) {
                        dropped.incrementAndGet();
                    }
                    sinkReached();
                    LOG.warnf("Dropped reading of %s at %s: %s", reading.sensor(), reading.time(), outcome.detail());
                }
                case RETRY -> {
                    sinkFailed(outcome);
                    return;
                }
            }
        }
        if (buffer.size() == 0) {
            overflowing = false;
        }
    }

    private void sinkReached() {
        backoff.reset();
        if (!sinkUp) {
            sinkUp = true;
            LOG.infof("Sink %s is back after %s; delivering %d queued readings", sender.target(),
                    Intervals.text(Duration.between(downSince, clock.instant())), buffer.size());
        }
    }

    private void sinkFailed(SendOutcome outcome) {
        Duration wait = backoff.next();
        if (outcome.retryAfter().isPresent() && outcome.retryAfter().get().compareTo(wait) > 0) {
            wait = outcome.retryAfter().get();
        }
        if (sinkUp) {
            sinkUp = false;
            downSince = clock.instant();
            LOG.warnf("Sink %s is not taking events (%s); keeping up to %d readings in memory and retrying",
                    sender.target(), outcome.detail(), buffer.capacity());
        } else {
            LOG.debugf("Sink %s still failing (%s); next attempt in %s", sender.target(), outcome.detail(),
                    Intervals.text(wait));
        }
        retryScheduled = true;
        worker.schedule(() -> {
            retryScheduled = false;
            drain();
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
