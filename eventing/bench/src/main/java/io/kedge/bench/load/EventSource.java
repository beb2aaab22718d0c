package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;

/** The request for event {@code index}, carrying {@code sentNanos} so the receiver can measure latency. */
@FunctionalInterface
public interface EventSource {

    HttpMessage event(long index, long sentNanos);
}
