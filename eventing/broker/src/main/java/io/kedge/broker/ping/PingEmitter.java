package io.kedge.broker.ping;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CompletionStage;

/** Hands one tick to its sink; the seam between the schedule and the broker's ingress or HTTP client. */
@FunctionalInterface
public interface PingEmitter {

    /** @return completes once the sink took the event, or fails with the reason it did not */
    CompletionStage<?> emit(PingSourceRoute source, CloudEvent event);
}
