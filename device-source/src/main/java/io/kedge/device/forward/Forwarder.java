package io.kedge.device.forward;

import io.kedge.contract.data.Reading;

/**
 * The seam between whatever produces readings (sensor poller, later the MQTT bridge) and the
 * sender: takes a reading now and owns its delivery from then on, in order, through outages.
 * The in-memory {@link BufferedForwarder} is the first implementation; a durable buffer replaces
 * its {@link ReadingBuffer} without the producers noticing.
 */
public interface Forwarder extends AutoCloseable {

    /** Accepts {@code reading} for delivery; never blocks on the network. */
    void offer(Reading reading);

    ForwardingStats stats();

    @Override
    void close();
}
