package io.kedge.device.forward;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CompletionStage;

/**
 * The seam between whatever produces events (the sensor poller, the MQTT bridge, later an
 * aggregate function forwarding summaries upstream) and the sink: takes an event now and owns its
 * delivery from then on, oldest first, through outages and restarts.
 */
public interface Forwarder extends AutoCloseable {

    /**
     * Accepts {@code event} for delivery; never blocks on the network or the disk.
     *
     * @return completes once the event is on disk (fsync'd), so the producer may acknowledge its
     *         own source (an MQTT message); fails when the event could not be kept
     */
    CompletionStage<Void> offer(CloudEvent event);

    ForwardingStats stats();

    @Override
    void close();
}
