package io.kedge.bench;

import java.util.Map;

/**
 * The answers of a function to one measured load, open-loop (a rate) or closed-loop (a number of
 * requests in flight).
 *
 * @param offered            events/s of an open-loop step; 0 for a closed loop
 * @param concurrency        requests in flight of a closed loop; 0 for an open-loop step
 * @param sent               requests sent in the measured part
 * @param accepted           2xx answers of the measured part
 * @param acceptedInRun      2xx answers of the whole run, its unmeasured lead-in included: what
 *                           the function acknowledged between two looks at its side effects
 * @param non2xx             answers other than 2xx (503s included)
 * @param errors             transport errors and requests never answered
 * @param unsent             events the open-loop generator gave up on, too far behind its schedule
 * @param acceptedPerSecond  2xx answers per second of the window: the step, or from first to last
 *                           answer when that is longer
 * @param p50Millis          median latency to a 2xx: from the scheduled time (open loop) or the send (closed loop)
 * @param p99Millis          99th percentile of it
 * @param maxMillis          slowest 2xx
 * @param usage              memory and CPU of the watched processes and the benchmark in the window
 * @param replyTypes         {@code ce-type} of the reply events of the 2xx answers, with their counts
 * @param firstError         first error seen; null when none
 * @param saturation         why an open-loop step counts as saturated; null when it kept up, and for a closed loop
 */
record LoadResult(
        int offered,
        int concurrency,
        long sent,
        long accepted,
        long acceptedInRun,
        long non2xx,
        long errors,
        long unsent,
        double acceptedPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        Usage usage,
        Map<String, Long> replyTypes,
        String firstError,
        String saturation) {

    boolean saturated() {
        return saturation != null;
    }

    boolean closedLoop() {
        return concurrency > 0;
    }

    long replies(String type) {
        return replyTypes.getOrDefault(type, 0L);
    }
}
