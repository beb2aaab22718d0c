package io.kedge.device;

import io.kedge.device.forward.ForwardingStats;

/**
 * Everything {@code /status} and the progress log show, at one moment.
 *
 * @param read         samples taken
 * @param readFailures reads that produced no sample
 * @param sent         readings the sink accepted
 * @param dropped      readings pushed out of a full buffer (since the buffer was created)
 * @param refused      readings the sink refused as bad events
 * @param buffered     readings on disk waiting for delivery
 * @param sinkUp       whether the last delivery attempt reached the sink
 */
public record DeviceStatus(long read, long readFailures, long sent, long dropped, long refused, long buffered,
                           boolean sinkUp) {

    public static DeviceStatus of(SensorPoller.PollStats poll, ForwardingStats forwarding) {
        return new DeviceStatus(poll.read(), poll.readFailures(), forwarding.sent(), forwarding.dropped(),
                forwarding.refused(), forwarding.buffered(), forwarding.sinkUp());
    }
}
