package io.kedge.device.forward;

/**
 * Counters of a {@link Forwarder} since it started.
 *
 * @param sent    readings the sink accepted
 * @param dropped readings given up: refused by the sink as bad events, or pushed out of a full buffer
 * @param queued  readings waiting for delivery now
 * @param sinkUp  whether the last attempt reached the sink (true before the first attempt)
 */
public record ForwardingStats(long sent, long dropped, int queued, boolean sinkUp) {
}
