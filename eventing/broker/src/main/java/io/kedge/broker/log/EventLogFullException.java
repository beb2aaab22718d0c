package io.kedge.broker.log;

/** The log holds as many events as it may; the sender should retry later. */
public class EventLogFullException extends RuntimeException {

    public EventLogFullException(int capacity) {
        super("the broker holds " + capacity + " undelivered events, its capacity (kedge.broker.queue-capacity); retry later");
    }
}
