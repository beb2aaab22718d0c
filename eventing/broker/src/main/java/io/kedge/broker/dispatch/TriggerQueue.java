package io.kedge.broker.dispatch;

import io.cloudevents.CloudEvent;
import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.delivery.DeliveryOutcome;
import io.kedge.broker.delivery.DeliveryResult;
import io.kedge.broker.delivery.ErrorExtensions;
import io.kedge.broker.dlq.DeadLetter;
import io.kedge.broker.dlq.ReplayResult;
import io.kedge.broker.ingress.BrokerExtensions;
import io.kedge.broker.ingress.Ingress;
import io.kedge.broker.ingress.RejectedEventException;
import io.kedge.broker.log.BrokerStore;
import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.metrics.BrokerMetrics;
import io.kedge.broker.route.TriggerRoute;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One Trigger's deliveries: walks its pending entries in sequence order, at most
 * {@code maxInFlight} at a time, and settles each in the store once its delivery has ended —
 * delivered, handed to the dead-letter sink, or moved to the local dead-letter queue. Event bodies
 * stay on disk until their turn comes.
 *
 * <p>State is touched on the dispatch thread only. The cursor only moves forward: new entries
 * always get higher sequence numbers, and an entry in flight is not pending again until it settles.
 *
 * <p>Events just stored arrive decoded ({@link #offer}) and wait in a small bounded map until their
 * turn, so a Trigger that keeps up delivers without reading or decoding the store's copy; the store
 * stays the truth for order and for what is pending.
 */
final class TriggerQueue {

    private static final Logger LOG = Logger.getLogger(TriggerQueue.class);
    /** Fresh entries kept decoded at most; beyond, a Trigger that falls behind reads them from the store. */
    private static final int MAX_FRESH = 512;

    private final TriggerRoute trigger;
    private final String id;
    private final Dispatcher dispatcher;
    private final BrokerStore store;
    private final Ingress ingress;
    private final Delivery delivery;
    private final BrokerMetrics metrics;
    private final int maxInFlight;
    private final Clock clock;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ConcurrentSkipListMap<Long, LogEntry> fresh = new ConcurrentSkipListMap<>();
    private final AtomicInteger freshCount = new AtomicInteger();
    private volatile long cursor;
    private volatile int inFlight;

    TriggerQueue(TriggerRoute trigger, Dispatcher dispatcher, BrokerStore store, Ingress ingress, Delivery delivery,
                 BrokerMetrics metrics, int maxInFlight, Clock clock) {
        this.trigger = trigger;
        this.id = DurableEventLog.id(trigger);
        this.dispatcher = dispatcher;
        this.store = store;
        this.ingress = ingress;
        this.delivery = delivery;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
    }

    String id() {
        return id;
    }

    int inFlight() {
        return inFlight;
    }

    /** There may be new entries: look on the dispatch thread (one look however often it is woken meanwhile). */
    void wake() {
        if (scheduled.compareAndSet(false, true) && !dispatcher.execute(() -> {
            scheduled.set(false);
            pump();
        })) {
            scheduled.set(false);
        }
    }

    /** {@code entry} was just stored for this Trigger (a new event, not a replay): keep it decoded for its turn. */
    void offer(LogEntry entry) {
        if (entry.sequence() > cursor && freshCount.get() < MAX_FRESH) {
            fresh.put(entry.sequence(), entry);
            freshCount.incrementAndGet();
        }
        wake();
    }

    private void pump() {
        while (inFlight < maxInFlight && dispatcher.running()) {
            Long next = store.nextPending(id, cursor);
            if (next == null) {
                return;
            }
            cursor = next;
            dropFreshBelow(next);
            inFlight++;
            start(next);
        }
    }

    /**
     * Forgets fresh entries below {@code sequence} (whose delivery takes its own): an entry the store
     * handed out before its offer came is not kept forever.
     */
    private void dropFreshBelow(long sequence) {
        Map.Entry<Long, LogEntry> oldest;
        while ((oldest = fresh.firstEntry()) != null && oldest.getKey() < sequence) {
            if (fresh.remove(oldest.getKey()) != null) {
                freshCount.decrementAndGet();
            }
        }
    }

    private LogEntry takeFresh(long sequence) {
        LogEntry entry = fresh.remove(sequence);
        if (entry != null) {
            freshCount.decrementAndGet();
        }
        return entry;
    }

    private void start(long sequence) {
        CompletionStage<?> settled;
        try {
            settled = deliver(sequence);
        } catch (RuntimeException e) {
            settled = CompletableFuture.failedFuture(e);
        }
        settled.whenComplete((done, error) -> dispatcher.execute(() -> {
            if (error != null) {
                LOG.errorf(unwrap(error), "event=settle-failed trigger=%s seq=%d reason=\"%s\"", id, sequence,
                        unwrap(error).getMessage());
            }
            inFlight--;
            pump();
        }));
    }

    private CompletionStage<Void> deliver(long sequence) {
        LogEntry handedOver = takeFresh(sequence);
        // only new events are offered fresh; a replay is read from the store with its dead letter's id
        long replayOf = handedOver == null ? store.replayOf(id, sequence) : 0;
        LogEntry entry = handedOver == null ? read(sequence) : handedOver;
        if (entry == null) {
            return store.complete(id, sequence);
        }
        if (replayOf != 0) {
            dispatcher.replayStarted(replayOf);
        }
        int ttl = BrokerExtensions.ttl(entry.event()).orElse(BrokerExtensions.DEFAULT_TTL);
        CloudEvent outgoing = BrokerExtensions.forSubscriber(entry.event());
        return delivery.deliver(outgoing, trigger, reply -> reenter(entry, reply, ttl))
                .thenCompose(result -> settle(entry, replayOf, result));
    }

    /** The stored entry; null (logged) when it is missing or unreadable, so that it is dropped. */
    private LogEntry read(long sequence) {
        byte[] stored = store.event(sequence);
        if (stored == null) {
            LOG.errorf("event=missing trigger=%s seq=%d: pending without a stored event; dropped", id, sequence);
            return null;
        }
        try {
            return LogEntry.decode(sequence, stored);
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=unreadable trigger=%s seq=%d: dropped", id, sequence);
            return null;
        }
    }

    private CompletionStage<Void> settle(LogEntry entry, long replayOf, DeliveryResult result) {
        if (result instanceof DeliveryResult.Delivered) {
            metrics.delivered(trigger, replayOf == 0 ? latency(entry.event()) : null);
            return store.complete(id, entry.sequence())
                    .thenRun(() -> replayEnded(replayOf, ReplayResult.Outcome.DELIVERED, null));
        }
        DeliveryResult.GaveUp gaveUp = (DeliveryResult.GaveUp) result;
        URI sink = trigger.delivery().deadLetterSink();
        if (sink == null) {
            return toQueue(entry, replayOf, gaveUp, null);
        }
        CloudEvent dead = ErrorExtensions.add(entry.event(), trigger.subscriber(), gaveUp.last());
        return delivery.deliverToSink(dead, trigger, sink).thenCompose(sent -> {
            if (sent instanceof DeliveryResult.GaveUp sinkFailed) {
                // Knative would lose the event here; the local queue keeps it.
                LOG.errorf("event=dead-letter-sink-failed id=%s trigger=%s sink=%s status=%d reason=\"%s\"",
                        entry.event().getId(), id, sink, sinkFailed.last().status(), sinkFailed.last().detail());
                return toQueue(entry, replayOf, gaveUp, "dead-letter sink " + sink + " failed too: "
                        + sinkFailed.last().statusText() + " " + sinkFailed.last().detail());
            }
            metrics.deadLettered(trigger, BrokerMetrics.Destination.SINK);
            LOG.warnf("event=dead-lettered id=%s type=%s trigger=%s destination=sink sink=%s status=%d attempts=%d"
                            + " reason=\"%s\"", entry.event().getId(), entry.event().getType(), id, sink,
                    gaveUp.last().status(), gaveUp.attempts(), gaveUp.last().detail());
            return store.complete(id, entry.sequence())
                    .thenRun(() -> replayEnded(replayOf, ReplayResult.Outcome.SENT_TO_SINK, sink.toString()));
        });
    }

    private CompletionStage<Void> toQueue(LogEntry entry, long replayOf, DeliveryResult.GaveUp gaveUp, String sinkFailure) {
        DeliveryOutcome.Failed last = gaveUp.last();
        String reason = sinkFailure == null ? last.detail() : last.detail() + "; " + sinkFailure;
        DeadLetter.Failure failure = new DeadLetter.Failure(last.status(), reason, bodyExcerpt(last.body()),
                trigger.subscriber().toString(), clock.instant());
        DeadLetter letter = previous(replayOf)
                .map(before -> before.failedAgain(failure, gaveUp.attempts()))
                .orElseGet(() -> new DeadLetter(0, id, entry.broker(), entry.event(), failure, gaveUp.attempts(), 0,
                        failure.failedAt()));
        return store.deadLetter(id, entry.sequence(), letter.encode()).thenAccept(dlqId -> {
            metrics.deadLettered(trigger, BrokerMetrics.Destination.QUEUE);
            LOG.warnf("event=dead-lettered id=%s type=%s trigger=%s destination=queue dlq_id=%d status=%d attempts=%d"
                            + " reason=\"%s\"", entry.event().getId(), entry.event().getType(), id, dlqId,
                    failure.status(), gaveUp.attempts(), reason);
            replayEnded(replayOf, ReplayResult.Outcome.FAILED_AGAIN, failure.statusText() + " after "
                    + gaveUp.attempts() + " attempts: " + reason);
        });
    }

    private Optional<DeadLetter> previous(long replayOf) {
        if (replayOf == 0) {
            return Optional.empty();
        }
        byte[] record = store.deadLetterRecord(replayOf);
        return record == null ? Optional.empty() : Optional.of(DeadLetter.decode(replayOf, record));
    }

    private void replayEnded(long replayOf, ReplayResult.Outcome outcome, String detail) {
        if (replayOf != 0) {
            LOG.infof("event=replayed dlq_id=%d trigger=%s outcome=%s", replayOf, id, outcome);
            dispatcher.replayEnded(new ReplayResult(replayOf, id, outcome, detail));
        }
    }

    private CompletionStage<?> reenter(LogEntry entry, CloudEvent reply, int ttl) {
        return ingress.reenter(entry.broker(), reply, ttl).handle((stored, error) -> {
            if (error == null) {
                metrics.replyStored(entry.broker());
                LOG.debugf("event=reply-stored id=%s type=%s trigger=%s broker=%s", reply.getId(), reply.getType(), id,
                        entry.broker());
                return stored;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof RejectedEventException rejected && rejected.status() == 400) {
                // The loop is cut here; the delivery itself succeeded, so nothing is retried.
                metrics.replyExpired(entry.broker());
                LOG.warnf("event=reply-dropped id=%s type=%s trigger=%s reason=\"%s\"", reply.getId(), reply.getType(),
                        id, rejected.getMessage());
                return null;
            }
            throw new CompletionException(cause);
        });
    }

    private Duration latency(CloudEvent event) {
        return event.getExtension(BrokerExtensions.ARRIVAL_TIME) instanceof OffsetDateTime arrival
                ? Duration.between(arrival.toInstant(), Instant.now(clock)) : null;
    }

    private static String bodyExcerpt(byte[] body) {
        int length = Math.min(body.length, DeadLetter.Failure.MAX_BODY);
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
