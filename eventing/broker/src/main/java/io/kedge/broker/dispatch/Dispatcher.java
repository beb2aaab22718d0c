package io.kedge.broker.dispatch;

import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.dlq.DeadLetter;
import io.kedge.broker.dlq.ReplayResult;
import io.kedge.broker.ingress.Ingress;
import io.kedge.broker.log.BrokerStore;
import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.metrics.BrokerMetrics;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TriggerRoute;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Moves stored events to subscribers: one {@link TriggerQueue} per Trigger walks that Trigger's
 * pending entries in the store, so each Trigger advances on its own and a slow or failing
 * subscriber holds back nobody else. It also replays dead letters.
 *
 * <p>One thread ("kedge-broker-dispatch") runs the queues' bookkeeping and reads the store;
 * deliveries run asynchronously on the HTTP client's event loop. At start every queue is woken, so
 * whatever a previous process accepted and did not finish is delivered now (at least once).
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final BrokerStore store;
    private final Map<String, TriggerQueue> queues = new LinkedHashMap<>();
    private final Map<Long, CompletableFuture<ReplayResult>> replaying = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "kedge-broker-dispatch");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    /** @param maxInFlight deliveries per Trigger at once, retries and their waits included */
    public Dispatcher(Topology topology, BrokerStore store, Ingress ingress, Delivery delivery, BrokerMetrics metrics,
                      int maxInFlight, Clock clock) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("in-flight deliveries per trigger must be at least 1, got " + maxInFlight);
        }
        this.store = store;
        for (TriggerRoute trigger : topology.triggers()) {
            queues.put(DurableEventLog.id(trigger),
                    new TriggerQueue(trigger, this, store, ingress, delivery, metrics, maxInFlight, clock));
        }
    }

    /** Starts delivering, beginning with what the store still holds from before. */
    public void start() {
        running = true;
        queues.values().forEach(queue -> {
            long backlog = store.backlog(queue.id());
            if (backlog > 0) {
                LOG.infof("event=resuming trigger=%s backlog=%d", queue.id(), backlog);
            }
            queue.wake();
        });
    }

    /** New entries for {@code triggers} are stored. */
    public void wake(Collection<TriggerRoute> triggers) {
        for (TriggerRoute trigger : triggers) {
            TriggerQueue queue = queues.get(DurableEventLog.id(trigger));
            if (queue != null) {
                queue.wake();
            }
        }
    }

    /**
     * {@code entry}, a new event (not a replay), is stored for {@code triggers}: each takes the entry
     * as it is, so its delivery reads and decodes nothing from the store while it is fresh.
     */
    public void stored(LogEntry entry, Collection<TriggerRoute> triggers) {
        for (TriggerRoute trigger : triggers) {
            TriggerQueue queue = queues.get(DurableEventLog.id(trigger));
            if (queue != null) {
                queue.offer(entry);
            }
        }
    }

    /**
     * Re-delivers dead letter {@code id} to the Trigger it failed for, with that Trigger's delivery
     * policy. It leaves the dead-letter queue only once delivered (or taken by a dead-letter sink);
     * failing again, it stays with the new failure. The event keeps its id, so subscribers that
     * deduplicate by {@code source} + {@code id} see a replay as the same event.
     *
     * @return completes when the replay ends
     */
    public CompletionStage<ReplayResult> replay(long id) {
        byte[] record = store.deadLetterRecord(id);
        if (record == null) {
            return CompletableFuture.completedFuture(new ReplayResult(id, "", ReplayResult.Outcome.NOT_FOUND, null));
        }
        DeadLetter letter = DeadLetter.decode(id, record);
        TriggerQueue queue = queues.get(letter.trigger());
        if (queue == null) {
            return CompletableFuture.completedFuture(new ReplayResult(id, letter.trigger(),
                    ReplayResult.Outcome.TRIGGER_GONE, "no Trigger " + letter.trigger() + " in the manifests"));
        }
        CompletableFuture<ReplayResult> result = new CompletableFuture<>();
        if (replaying.putIfAbsent(id, result) != null) {
            return CompletableFuture.completedFuture(new ReplayResult(id, letter.trigger(),
                    ReplayResult.Outcome.ALREADY_REPLAYING, null));
        }
        LOG.infof("event=replaying dlq_id=%d id=%s trigger=%s", id, letter.event().getId(), letter.trigger());
        store.append(LogEntry.encode(letter.broker(), letter.event()), List.of(letter.trigger()), id)
                .whenComplete((sequence, error) -> {
                    if (error == null) {
                        queue.wake();
                    } else {
                        replaying.remove(id, result);
                        result.complete(new ReplayResult(id, letter.trigger(), ReplayResult.Outcome.FAILED_TO_START,
                                error.getMessage()));
                    }
                });
        return result;
    }

    /** Whether dead letter {@code id} is being re-delivered right now. */
    public boolean isReplaying(long id) {
        return replaying.containsKey(id);
    }

    /** A queue took a pending replay of {@code id} (perhaps one a previous process stored). */
    void replayStarted(long id) {
        replaying.putIfAbsent(id, new CompletableFuture<>());
    }

    void replayEnded(ReplayResult result) {
        CompletableFuture<ReplayResult> waiting = replaying.remove(result.id());
        if (waiting != null) {
            waiting.complete(result);
        }
    }

    /**
     * Runs {@code task} on the dispatch thread.
     *
     * @return false when not running (not started, or closed): the store keeps what is pending
     */
    boolean execute(Runnable task) {
        if (!running) {
            return false;
        }
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    boolean running() {
        return running;
    }

    /** Deliveries running now, over all Triggers. */
    public int inFlight() {
        return queues.values().stream().mapToInt(TriggerQueue::inFlight).sum();
    }

    /**
     * Stops taking entries. Deliveries still running are abandoned: their entries stay pending and
     * are delivered again by the next process (at least once). The thread is not interrupted, since
     * an interrupt would close the store's file channel under a read.
     */
    @Override
    public void close() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
