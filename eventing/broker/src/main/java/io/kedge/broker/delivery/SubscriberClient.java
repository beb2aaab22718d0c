package io.kedge.broker.delivery;

import io.kedge.contract.codec.HttpMessage;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Sends one HTTP POST to a subscriber, without blocking the caller. */
public interface SubscriberClient {

    /**
     * @return the response, or a stage failed with the transport error (refused, reset, timed out)
     */
    CompletionStage<SubscriberResponse> post(URI target, HttpMessage message, Duration timeout);
}
