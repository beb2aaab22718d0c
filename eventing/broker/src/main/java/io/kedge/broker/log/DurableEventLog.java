package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.BrokerRoute;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TriggerRoute;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event log on the {@link BrokerStore}: matches each event against its broker's Triggers once,
 * at the door, and stores it with one pending entry per matching Trigger in one commit. An event no
 * Trigger wants is acknowledged without touching the disk: there is nothing to deliver.
 *
 * <p>Backpressure: a sender's event is refused ({@link EventLogFullException}, 503) when the
 * backlog holds {@code capacity} undelivered events, or when {@code maxPendingWrites} accepted
 * events already wait for the disk; neither the backlog nor memory grows without bound.
 */
public final class DurableEventLog implements EventLog {

    /** Hears what the log stored and refused: the dispatcher wakes the Triggers, metrics count. */
    public interface Listener {

        /** Hears nothing: for tests. */
        Listener NONE = new Listener() {
            @Override
            public void stored(LogEntry entry, List<TriggerRoute> triggers, Origin origin) {
            }

            @Override
            public void refused(BrokerKey broker, EventLogFullException reason) {
            }
        };

        /** The event is on disk (fsync'd when enabled); the sender may now be answered. */
        void stored(LogEntry entry, List<TriggerRoute> triggers, Origin origin);

        /**
         * The event is in the store but its commit may still be running: the Triggers may start
         * delivering it, so the fsync is not on the path from a reply to its subscribers.
         */
        default void handOff(LogEntry entry, List<TriggerRoute> triggers) {
        }

        void refused(BrokerKey broker, EventLogFullException reason);
    }

    private final Topology topology;
    private final BrokerStore store;
    private final long capacity;
    private final int maxPendingWrites;
    private final Listener listener;
    private final AtomicInteger pendingWrites = new AtomicInteger();

    public DurableEventLog(Topology topology, BrokerStore store, long capacity, int maxPendingWrites, Listener listener) {
        if (capacity < 1 || maxPendingWrites < 1) {
            throw new IllegalArgumentException("capacity and pending writes must be at least 1, got "
                    + capacity + " and " + maxPendingWrites);
        }
        this.topology = topology;
        this.store = store;
        this.capacity = capacity;
        this.maxPendingWrites = maxPendingWrites;
        this.listener = listener;
    }

    @Override
    public CompletionStage<LogEntry> append(BrokerKey broker, CloudEvent event, Origin origin) {
        Optional<BrokerRoute> route = topology.broker(broker);
        List<TriggerRoute> matching = route.map(b -> b.triggers().stream()
                .filter(t -> t.filter().matches(event)).toList()).orElse(List.of());
        if (matching.isEmpty()) {
            LogEntry entry = new LogEntry(0, broker, event);
            listener.stored(entry, matching, origin);
            return CompletableFuture.completedFuture(entry);
        }
        if (origin == Origin.SENDER) {
            EventLogFullException full = null;
            if (store.backlog() >= capacity) {
                full = EventLogFullException.backlog(capacity);
            } else if (pendingWrites.incrementAndGet() > maxPendingWrites) {
                pendingWrites.decrementAndGet();
                full = EventLogFullException.writes(maxPendingWrites);
            }
            if (full != null) {
                listener.refused(broker, full);
                return CompletableFuture.failedFuture(full);
            }
        }
        byte[] stored = LogEntry.encode(broker, event);
        return store.append(stored, matching.stream().map(DurableEventLog::id).toList(), 0,
                        sequence -> listener.handOff(new LogEntry(sequence, broker, event), matching))
                .whenComplete((sequence, error) -> {
                    if (origin == Origin.SENDER) {
                        pendingWrites.decrementAndGet();
                    }
                })
                .thenApply(sequence -> {
                    LogEntry entry = new LogEntry(sequence, broker, event);
                    listener.stored(entry, matching, origin);
                    return entry;
                });
    }

    @Override
    public long backlog() {
        return store.backlog();
    }

    /** The store's key of a Trigger: {@code namespace/name}. */
    public static String id(TriggerRoute trigger) {
        return trigger.namespace() + "/" + trigger.name();
    }

    /** The store outlives the log (the dead-letter queue uses it too): closing is the store's owner's job. */
    @Override
    public void close() {
    }
}
