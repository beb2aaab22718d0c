package io.kedge.device.forward;

import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Store and forward: every offered event goes to the {@link DurableBuffer} first, and one thread
 * sends the buffer's oldest events, up to {@code concurrency} at once, until the sink takes them.
 * An event leaves the buffer only once the sink took it (2xx) or refused it as bad (it is counted,
 * so it cannot block the ones behind it); every other event is sent again, with the same
 * CloudEvent id, until one of those happens. Short of a crash between a delivery and its removal,
 * each event arrives once.
 *
 * <p>A retryable failure (no connection, timeout, 429, 5xx) stops new sends; once the sends in
 * flight have ended, the thread waits out a {@link Backoff} (or a longer {@code Retry-After}) and
 * then tries the oldest event not yet delivered, alone, until the sink takes it; only then is the
 * window opened again. Events the sink took meanwhile are not sent again.
 *
 * <p>Order: with a concurrency of 1 events arrive in the order they were offered. With more,
 * events sent at once may arrive in any order among themselves, and an event sent again after a
 * failure arrives after newer ones. Nothing downstream relies on arrival order: Knative's broker
 * delivers in parallel and does not keep it either, and each reading carries its own sample time
 * (its {@code time} attribute and its id).
 *
 * <p>Progress shows in the log without a line per event: once when the sink goes down, every
 * {@code progressEvery} while it stays down and while a backlog drains, once when it is back and
 * once when the backlog is delivered.
 *
 * <p>The sending thread only starts requests ({@link EventSender#sendAsync}) and handles their
 * outcomes as they complete; it is never interrupted (it reads the MVStore file). {@link #close()}
 * asks it to stop and waits for the requests in flight.
 */
public final class StoreAndForward implements Forwarder {

    private static final Logger LOG = Logger.getLogger(StoreAndForward.class);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    /** One send that ended, waiting for the sending thread. */
    private record Completed(BufferedEvent event, SendOutcome outcome) {
    }

    private final DurableBuffer buffer;
    private final EventSender sender;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration progressEvery;
    private final int concurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong storeFailed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sinkUp = true;
    private volatile boolean overflowing;
    private volatile boolean storeFailing;

    // Guarded by lock.
    private boolean signalled;

    // Sending thread only.
    private int inFlight;
    /** The failure that stopped new sends, until the backoff after it; the one with the longest Retry-After. */
    private SendOutcome failed;
    private Instant downSince;
    private Instant drainSince;
    private long sentAtDrainStart;
    private Instant lastProgress;

    /**
     * Starts sending what {@code buffer} holds. Takes ownership of the buffer: {@link #close()} closes it.
     *
     * @param concurrency   most sends in flight at once; 1 sends one at a time, in order
     * @param progressEvery time between progress lines while the sink is down or a backlog drains
     */
    public StoreAndForward(DurableBuffer buffer, EventSender sender, Backoff backoff, Clock clock, int concurrency,
                           Duration progressEvery) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("send concurrency must be at least 1, got " + concurrency);
        }
        this.buffer = buffer;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
        this.concurrency = concurrency;
        this.progressEvery = progressEvery;
        if (buffer.size() > 0) {
            LOG.infof("Recovered %d buffered events (%s) from %s; delivering them to %s first, oldest first",
                    buffer.size(), bytesText(buffer.bytes()), buffer.file(), sender.target());
            startDrain();
        }
        this.thread = new Thread(this::run, "kedge-forwarder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public CompletionStage<Void> offer(CloudEvent event) {
        CompletableFuture<Void> kept = new CompletableFuture<>();
        buffer.append(event).whenComplete((appended, error) -> {
            if (error != null) {
                storeFailed.incrementAndGet();
                if (!storeFailing) {
                    storeFailing = true;
                    LOG.errorf("event=buffer_write_failed id=%s reason=\"%s\"; events are not being kept",
                            event.getId(), rootMessage(error));
                }
                kept.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
                return;
            }
            storeFailing = false;
            if (appended.evicted() > 0 && !overflowing) {
                overflowing = true;
                LOG.warnf("Buffer full (%d events or %s): dropping the oldest to keep the newest; %d dropped so far",
                        buffer.limits().maxEvents(), bytesText(buffer.limits().maxBytes()), buffer.dropped());
            }
            signal();
            kept.complete(null);
        });
        return kept;
    }

    @Override
    public ForwardingStats stats() {
        return new ForwardingStats(buffer.size(), buffer.bytes(), sent.get(), buffer.dropped(), refused.get(),
                storeFailed.get(), sinkUp);
    }

    /** Whether events can be kept: the buffer's disk works. */
    public boolean isHealthy() {
        return buffer.isHealthy();
    }

    public DurableBuffer buffer() {
        return buffer;
    }

    /** Where events go. */
    public String target() {
        return sender.target();
    }

    /** Stops sending (after the requests in flight) and closes the buffer; what is buffered is sent after the next start. */
    @Override
    public void close() {
        running = false;
        signal();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The forwarder thread did not stop within 30 s");
        }
        long left = buffer.size();
        buffer.close();
        if (left > 0) {
            LOG.infof("Stopped with %d events buffered in %s; they are sent after the next start", left, buffer.file());
        }
    }

    // --- the sending thread ------------------------------------------------------------------------

    private void run() {
        while (running || inFlight > 0) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading or updating the buffer %s failed", buffer.file());
                pause(IDLE_CHECK);
            }
        }
    }

    /** One turn of the sending thread: outcomes in, then new sends out, or a wait. */
    private void step() {
        boolean busy = handleCompleted();
        progress();
        if (!running || failed != null) {
            if (inFlight == 0 && failed != null) {
                Duration wait = sinkFailed(failed);
                failed = null;
                pause(wait);
            } else if (!busy) {
                awaitSignal(IDLE_CHECK); // for the sends in flight, which signal as they end
            }
            return;
        }
        // After a failure the oldest event goes alone, until the sink takes one again.
        int window = sinkUp ? concurrency : 1;
        if (inFlight < window) {
            List<BufferedEvent> next = buffer.next(window - inFlight);
            next.forEach(this::start);
            busy |= !next.isEmpty();
            if (next.isEmpty() && inFlight == 0) {
                drained();
            }
        }
        if (!busy) {
            awaitSignal(IDLE_CHECK);
        }
    }

    private void start(BufferedEvent event) {
        inFlight++;
        CompletableFuture<SendOutcome> outcome;
        try {
            outcome = sender.sendAsync(event.event());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, error) -> {
            completed.add(new Completed(event, error == null ? result
                    : SendOutcome.unreachable("send failed: " + rootMessage(error))));
            signal();
        });
    }

    /** Applies the outcomes of the sends that ended; returns whether there were any. */
    private boolean handleCompleted() {
        boolean any = false;
        Completed done;
        while ((done = completed.poll()) != null) {
            any = true;
            inFlight--;
            BufferedEvent event = done.event();
            SendOutcome outcome = done.outcome();
            switch (outcome.result()) {
                case DELIVERED -> {
                    buffer.remove(event);
                    sent.incrementAndGet();
                    sinkReached();
                }
                case REJECTED -> {
                    buffer.remove(event);
                    refused.incrementAndGet();
                    sinkReached();
                    LOG.warnf("event=refused_by_sink id=%s type=%s sink=%s reason=\"%s\"; dropped, the next events follow",
                            event.event().getId(), event.event().getType(), sender.target(), outcome.detail());
                }
                case RETRY -> {
                    buffer.release(event);
                    if (failed == null || longer(outcome.retryAfter(), failed.retryAfter())) {
                        failed = outcome;
                    }
                }
            }
        }
        return any;
    }

    private static boolean longer(Optional<Duration> candidate, Optional<Duration> current) {
        return candidate.isPresent() && (current.isEmpty() || candidate.get().compareTo(current.get()) > 0);
    }

    private void sinkReached() {
        if (failed != null) {
            return; // a send of the same window failed: the backoff after it comes first
        }
        backoff.reset();
        if (!sinkUp) {
            sinkUp = true;
            LOG.infof("Sink %s is back after %s; delivering %d buffered events, oldest first", sender.target(),
                    DurationText.of(Duration.between(downSince, clock.instant())), buffer.size() + 1);
            downSince = null;
            startDrain();
        }
    }

    private Duration sinkFailed(SendOutcome outcome) {
        Duration wait = backoff.next();
        if (outcome.retryAfter().isPresent() && outcome.retryAfter().get().compareTo(wait) > 0) {
            wait = outcome.retryAfter().get();
        }
        if (sinkUp) {
            sinkUp = false;
            downSince = clock.instant();
            lastProgress = downSince;
            drainSince = null;
            LOG.warnf("Sink %s is not taking events (%s); keeping them on disk in %s (up to %d events or %s)"
                            + " and retrying with backoff", sender.target(), outcome.detail(), buffer.file(),
                    buffer.limits().maxEvents(), bytesText(buffer.limits().maxBytes()));
        } else {
            LOG.debugf("Sink %s still failing (%s); next attempt in %s", sender.target(), outcome.detail(),
                    DurationText.of(wait));
        }
        return wait;
    }

    private void startDrain() {
        drainSince = clock.instant();
        lastProgress = drainSince;
        sentAtDrainStart = sent.get();
    }

    private void drained() {
        if (drainSince != null) {
            LOG.infof("Delivered the backlog: %d events in %s; the buffer is empty", sent.get() - sentAtDrainStart,
                    DurationText.of(Duration.between(drainSince, clock.instant())));
            drainSince = null;
        }
        overflowing = false;
    }

    private void progress() {
        if (lastProgress == null) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(lastProgress, now).compareTo(progressEvery) < 0) {
            return;
        }
        lastProgress = now;
        if (!sinkUp && downSince != null) {
            LOG.infof("Sink %s down for %s: %d events buffered (%s), %d dropped so far; still retrying",
                    sender.target(), DurationText.of(Duration.between(downSince, now)), buffer.size(),
                    bytesText(buffer.bytes()), buffer.dropped());
        } else if (drainSince != null) {
            LOG.infof("Delivering the backlog: %d sent since %s, %d left", sent.get() - sentAtDrainStart,
                    DurationText.of(Duration.between(drainSince, now)) + " ago", buffer.size());
        }
    }

    /** Waits {@code wait} whatever is offered meanwhile; only {@link #close()} cuts it short. */
    private void pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an event is offered, {@link #close()} is called, or {@code atMost} passes. */
    private void awaitSignal(Duration atMost) {
        lock.lock();
        try {
            if (!signalled && running) {
                changed.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    static String bytesText(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
