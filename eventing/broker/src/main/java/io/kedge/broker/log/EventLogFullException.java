package io.kedge.broker.log;

/** The broker holds as many undelivered events as it may; the sender should retry later (503). */
public class EventLogFullException extends RuntimeException {

    public EventLogFullException(String message) {
        super(message);
    }

    /** The durable backlog reached {@code capacity} undelivered events. */
    public static EventLogFullException backlog(long capacity) {
        return new EventLogFullException("the broker holds " + capacity + " undelivered events, its limit"
                + " (kedge.broker.queue-capacity); retry later");
    }

    /** {@code limit} accepted events are already waiting for the disk. */
    public static EventLogFullException writes(int limit) {
        return new EventLogFullException(limit + " events are already waiting to be written"
                + " (kedge.broker.max-pending-writes); retry later");
    }
}
