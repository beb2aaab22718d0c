package io.kedge.device.forward;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one CloudEvent to wherever events go (a Knative broker, the local broker, an upstream
 * Kedge). Implementations do not retry: they say whether retrying could help, and the
 * {@link StoreAndForward} decides.
 */
public interface EventSender {

    SendOutcome send(CloudEvent event);

    /**
     * Starts sending {@code event}; the {@link StoreAndForward} keeps several of these in flight.
     * The future completes with the outcome and does not fail: a send that could not be made is a
     * {@link SendOutcome.Result#RETRY}. The default sends on the caller's thread, one at a time.
     */
    default CompletableFuture<SendOutcome> sendAsync(CloudEvent event) {
        return CompletableFuture.completedFuture(send(event));
    }

    /** Where events go, for log lines and {@code /status}. */
    String target();
}
