package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import java.util.concurrent.CompletionStage;

/**
 * Where the ingress hands accepted events. The ingress answers 202 only once {@link #append} has
 * completed, and {@link DurableEventLog} completes it once the event is fsync'd: 202 means
 * "stored", as Knative's data-plane contract asks.
 */
public interface EventLog extends AutoCloseable {

    /** Who sent the event: senders are held back when the backlog is full, replies are not. */
    enum Origin {
        /** POSTed to the ingress. */
        SENDER,
        /**
         * A subscriber's reply. Refusing it would fail the delivery that carried it, which is then
         * retried and answered again: the backlog would never drain. In-flight deliveries bound replies.
         */
        REPLY
    }

    /**
     * Stores {@code event} for {@code broker}.
     *
     * @return the stored entry; a stage failed with {@link EventLogFullException} when the backlog
     *         or the write queue is full, {@link StoreFailedException} when the store cannot write
     */
    CompletionStage<LogEntry> append(BrokerKey broker, CloudEvent event, Origin origin);

    /** Events accepted and not yet received by every Trigger they matched. */
    long backlog();

    @Override
    void close();
}
