package io.kedge.device.forward;

import io.cloudevents.CloudEvent;

/**
 * Delivers one CloudEvent to wherever events go (a Knative broker, the local broker, an upstream
 * Kedge). Implementations do not retry: they say whether retrying could help, and the
 * {@link StoreAndForward} decides.
 */
public interface EventSender {

    SendOutcome send(CloudEvent event);

    /** Where events go, for log lines and {@code /status}. */
    String target();
}
