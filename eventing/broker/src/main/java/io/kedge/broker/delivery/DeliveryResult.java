package io.kedge.broker.delivery;

/** How a delivery ended, after all its attempts. */
public sealed interface DeliveryResult {

    int attempts();

    /** A 2xx ended it (a reply, if any, is stored). */
    record Delivered(int status, int attempts) implements DeliveryResult {
    }

    /** The last attempt failed, or a failure was not retryable. */
    record GaveUp(DeliveryOutcome.Failed last, int attempts) implements DeliveryResult {
    }
}
