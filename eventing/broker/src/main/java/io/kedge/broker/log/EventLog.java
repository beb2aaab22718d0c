package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where the ingress hands accepted events and the dispatcher takes them from. The ingress answers
 * 202 only once {@link #append} has completed, so an implementation that stores durably (H2
 * MVStore is the candidate) makes 202 mean "stored", as Knative's data-plane contract asks.
 *
 * <p>Life of an entry: {@code append} → {@code take} → {@code ack} once every matching Trigger's
 * delivery has ended. A durable implementation hands out unacknowledged entries again after a
 * restart (at-least-once).
 */
public interface EventLog extends AutoCloseable {

    /**
     * Stores {@code event} for {@code broker}.
     *
     * @return the stored entry, or a stage failed with {@link EventLogFullException} when the log is at capacity
     */
    CompletionStage<LogEntry> append(BrokerKey broker, CloudEvent event);

    /** The oldest entry not yet taken, waiting at most {@code timeout}; empty when none arrived. */
    Optional<LogEntry> take(Duration timeout) throws InterruptedException;

    /** Every delivery of {@code entry} has ended (delivered or given up); it may be forgotten. */
    void ack(LogEntry entry);

    /** Entries appended and not yet acknowledged. */
    int depth();

    @Override
    void close();
}
