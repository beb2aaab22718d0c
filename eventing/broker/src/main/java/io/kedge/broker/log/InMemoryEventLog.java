package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A bounded queue in memory: fast, and lost when the process stops (like Knative's
 * InMemoryChannel). The capacity counts events not yet taken by the dispatcher.
 */
public final class InMemoryEventLog implements EventLog {

    private static final Logger LOG = Logger.getLogger(InMemoryEventLog.class);

    private final int capacity;
    private final BlockingQueue<LogEntry> pending;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger taken = new AtomicInteger();

    public InMemoryEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.pending = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public CompletionStage<LogEntry> append(BrokerKey broker, CloudEvent event) {
        LogEntry entry = new LogEntry(sequence.incrementAndGet(), broker, event);
        if (!pending.offer(entry)) {
            return CompletableFuture.failedFuture(new EventLogFullException(capacity));
        }
        return CompletableFuture.completedFuture(entry);
    }

    @Override
    public Optional<LogEntry> take(Duration timeout) throws InterruptedException {
        LogEntry entry = pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (entry != null) {
            taken.incrementAndGet();
        }
        return Optional.ofNullable(entry);
    }

    @Override
    public void ack(LogEntry entry) {
        taken.decrementAndGet();
    }

    @Override
    public int depth() {
        return pending.size() + taken.get();
    }

    @Override
    public void close() {
        int lost = depth();
        if (lost > 0) {
            LOG.warnf("%d accepted events were not delivered yet and are lost: this event log is in memory", lost);
        }
        pending.clear();
    }
}
