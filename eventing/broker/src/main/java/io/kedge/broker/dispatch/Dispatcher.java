package io.kedge.broker.dispatch;

import io.cloudevents.CloudEvent;
import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.delivery.DeliveryStats;
import io.kedge.broker.ingress.BrokerExtensions;
import io.kedge.broker.ingress.Ingress;
import io.kedge.broker.ingress.RejectedEventException;
import io.kedge.broker.log.EventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.route.BrokerRoute;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TriggerRoute;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Moves events from the {@link EventLog} to subscribers: for each entry, every Trigger of its
 * broker whose filter matches gets one {@link Delivery}; replies re-enter the same broker through
 * the {@link Ingress}; the entry is acknowledged once all its deliveries have ended.
 *
 * <p>One thread takes entries; deliveries run asynchronously on the HTTP client's event loop. At
 * most {@code maxInFlight} entries are being delivered at once, so slow subscribers make events
 * wait in the log (bounded) rather than pile up in memory.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topology topology;
    private final EventLog log;
    private final Ingress ingress;
    private final Delivery delivery;
    private final DeliveryStats stats;
    private final Semaphore inFlight;
    private final Thread pump;
    private volatile boolean running;

    public Dispatcher(Topology topology, EventLog log, Ingress ingress, Delivery delivery, DeliveryStats stats,
                      int maxInFlight) {
        this.topology = topology;
        this.log = log;
        this.ingress = ingress;
        this.delivery = delivery;
        this.stats = stats;
        this.inFlight = new Semaphore(maxInFlight);
        this.pump = new Thread(this::pump, "kedge-broker-dispatcher");
        this.pump.setDaemon(true);
    }

    public void start() {
        running = true;
        pump.start();
    }

    /** Delivers one entry to every matching Trigger; completes when all deliveries have ended. */
    public CompletionStage<Void> dispatch(LogEntry entry) {
        stats.onDispatched();
        Optional<BrokerRoute> broker = topology.broker(entry.broker());
        List<TriggerRoute> matching = broker.map(b -> b.triggers().stream()
                .filter(t -> t.filter().matches(entry.event())).toList()).orElse(List.of());
        LOG.debugf("event %s (%s) in %s matches %s", entry.event().getId(), entry.event().getType(), entry.broker(),
                matching);
        if (matching.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int ttl = BrokerExtensions.ttl(entry.event()).orElse(BrokerExtensions.DEFAULT_TTL);
        CloudEvent outgoing = BrokerExtensions.forSubscriber(entry.event());
        return CompletableFuture.allOf(matching.stream()
                .map(trigger -> delivery.deliver(outgoing, trigger, reply -> reenter(entry, trigger, reply, ttl))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private CompletionStage<?> reenter(LogEntry entry, TriggerRoute trigger, CloudEvent reply, int ttl) {
        return ingress.reenter(entry.broker(), reply, ttl).handle((stored, error) -> {
            if (error == null) {
                stats.onReplyStored();
                LOG.debugf("reply %s (%s) from trigger %s re-entered %s", reply.getId(), reply.getType(), trigger,
                        entry.broker());
                return stored;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RejectedEventException rejected && rejected.status() == 400) {
                // The loop is cut here; the delivery itself succeeded, so nothing is retried.
                stats.onReplyDroppedByTtl();
                LOG.warnf("reply %s (%s) from trigger %s dropped: %s", reply.getId(), reply.getType(), trigger,
                        rejected.getMessage());
                return null;
            }
            throw new CompletionException(cause);
        });
    }

    private void pump() {
        while (running) {
            try {
                inFlight.acquire();
                Optional<LogEntry> entry = log.take(POLL);
                if (entry.isEmpty()) {
                    inFlight.release();
                    continue;
                }
                dispatchSafely(entry.get()).whenComplete((done, error) -> {
                    log.ack(entry.get());
                    inFlight.release();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private CompletionStage<Void> dispatchSafely(LogEntry entry) {
        try {
            return dispatch(entry).exceptionally(error -> {
                LOG.errorf(error, "dispatching event %s failed", entry.event().getId());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "dispatching event %s failed", entry.event().getId());
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        running = false;
        pump.interrupt();
        try {
            pump.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
