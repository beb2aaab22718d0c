package io.kedge.device.forward;

/**
 * Counters of a {@link Forwarder}: those about the buffer (buffered, bytes, dropped) hold since
 * the buffer was created, across restarts; the others since the process started.
 *
 * @param buffered      events on disk waiting for delivery
 * @param bufferedBytes their encoded size
 * @param sent          events the sink accepted (2xx)
 * @param dropped       events pushed out of a full buffer, oldest first
 * @param refused       events the sink refused as bad (400, 413, 415, 422): resending cannot help
 * @param storeFailed   events that could not be written to disk at all
 * @param sinkUp        whether the last attempt reached the sink (true before the first attempt)
 */
public record ForwardingStats(long buffered, long bufferedBytes, long sent, long dropped, long refused,
                              long storeFailed, boolean sinkUp) {
}
