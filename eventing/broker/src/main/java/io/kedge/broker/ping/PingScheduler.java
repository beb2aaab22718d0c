package io.kedge.broker.ping;

import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Fires every PingSource on its schedule from one daemon thread that sleeps until the next due
 * tick. Each tick is timed from the previous scheduled time, so a timer that wakes a little late
 * never skips or repeats a tick; ticks missed while the machine slept are not made up (as Knative's
 * adapter does not).
 */
public final class PingScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PingScheduler.class);

    private final List<PingSourceRoute> sources;
    private final PingEmitter emitter;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kedge-ping-source");
        thread.setDaemon(true);
        return thread;
    });

    public PingScheduler(List<PingSourceRoute> sources, PingEmitter emitter, Clock clock) {
        this.sources = List.copyOf(sources);
        this.emitter = emitter;
        this.clock = clock;
    }

    /** Schedules the first tick of every PingSource and logs one line per source. */
    public void start() {
        Instant now = clock.instant();
        for (PingSourceRoute source : sources) {
            Optional<Instant> next = source.schedule().next(now);
            LOG.infof("event=ping-source source=%s schedule=\"%s\" zone=%s sink=\"%s\" next=%s", source,
                    source.schedule().expression(), source.schedule().zone(), source.sink(),
                    next.map(Instant::toString).orElse("never"));
            next.ifPresent(due -> schedule(source, due));
        }
    }

    public List<PingSourceRoute> sources() {
        return sources;
    }

    /** Sends the tick of {@code source} scheduled at {@code scheduled}; the timer calls it, tests may too. */
    CompletionStage<CloudEvent> fire(PingSourceRoute source, Instant scheduled) {
        CloudEvent event = source.tick(scheduled);
        LOG.debugf("event=ping id=%s source=%s scheduled=%s sink=\"%s\"", event.getId(), source, scheduled, source.sink());
        CompletionStage<?> sent;
        try {
            sent = emitter.emit(source, event);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf("event=ping-failed id=%s source=%s sink=\"%s\" reason=\"%s\"; the next tick is not affected",
                        event.getId(), source, source.sink(), rootMessage(failure));
            }
            return event;
        });
    }

    private void schedule(PingSourceRoute source, Instant due) {
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        timer.schedule(() -> {
            try {
                fire(source, due);
            } finally {
                // From the later of due and now: after a suspend, resume with the next tick to come.
                Instant from = clock.instant().isAfter(due) ? clock.instant() : due;
                if (!timer.isShutdown()) {
                    source.schedule().next(from).ifPresent(next -> schedule(source, next));
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
