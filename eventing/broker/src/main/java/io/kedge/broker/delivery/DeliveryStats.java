package io.kedge.broker.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of what the dispatcher did, for health data now and metrics later. */
public final class DeliveryStats {

    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong repliesDroppedByTtl = new AtomicLong();

    public void onDispatched() {
        dispatched.incrementAndGet();
    }

    void onDelivered() {
        delivered.incrementAndGet();
    }

    void onFailedAttempt() {
        failedAttempts.incrementAndGet();
    }

    void onGaveUp() {
        gaveUp.incrementAndGet();
    }

    public void onReplyStored() {
        replies.incrementAndGet();
    }

    public void onReplyDroppedByTtl() {
        repliesDroppedByTtl.incrementAndGet();
    }

    /** Events taken from the log and matched against the Triggers. */
    public long dispatched() {
        return dispatched.get();
    }

    /** Deliveries that ended in a 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Attempts that failed, retried or not. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Deliveries abandoned after their last attempt. */
    public long gaveUp() {
        return gaveUp.get();
    }

    /** Reply events stored back into a broker. */
    public long replies() {
        return replies.get();
    }

    /** Reply events dropped because their knativebrokerttl ran out: reply loops ended. */
    public long repliesDroppedByTtl() {
        return repliesDroppedByTtl.get();
    }
}
