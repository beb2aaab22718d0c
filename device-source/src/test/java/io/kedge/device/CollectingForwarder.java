package io.kedge.device;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.data.Reading;
import io.kedge.device.forward.Forwarder;
import io.kedge.device.forward.ForwardingStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A forwarder that keeps what it is offered in memory, in order, for tests of producers. */
public final class CollectingForwarder implements Forwarder {

    private final List<CloudEvent> offered = new ArrayList<>();
    private RuntimeException failure;

    /** Every later offer fails with {@code failure}, as a broken disk would. */
    public synchronized CollectingForwarder failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    @Override
    public synchronized CompletionStage<Void> offer(CloudEvent event) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        offered.add(event);
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<CloudEvent> events() {
        return List.copyOf(offered);
    }

    public synchronized List<Reading> readings() {
        return offered.stream().map(e -> EventData.read(e, Reading.class)).toList();
    }

    @Override
    public synchronized ForwardingStats stats() {
        return new ForwardingStats(offered.size(), 0, 0, 0, 0, 0, true);
    }

    @Override
    public void close() {
    }
}
