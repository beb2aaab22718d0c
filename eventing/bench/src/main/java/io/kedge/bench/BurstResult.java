package io.kedge.bench;

import java.time.Duration;

/**
 * The burst phase: a fixed number of events as fast as the broker accepts them.
 *
 * @param events          events of the burst
 * @param accepted        answered 2xx (after 503 retries)
 * @param delivered       distinct events that reached the subscriber
 * @param duplicates      redeliveries
 * @param backpressure    503 answers (each retried after its Retry-After)
 * @param errors          transport errors and other statuses (not retried)
 * @param unsent          events never sent because the burst ran out of time
 * @param acceptSeconds   from the first send to the last answer
 * @param drainSeconds    from the first send to the last delivery
 * @param p99Millis       99th percentile send → subscriber (503 waits included)
 * @param rssBeforeBytes  broker's resident memory just before; -1 without a broker
 * @param rssPeakBytes    highest during the burst and its drain
 * @param rssAfterBytes   after the drain and a short settle
 * @param retryAfter      longest Retry-After with a 503; null when none
 * @param firstError      first error seen; null when none
 */
record BurstResult(
        long events,
        long accepted,
        long delivered,
        long duplicates,
        long backpressure,
        long errors,
        long unsent,
        double acceptSeconds,
        double drainSeconds,
        double p99Millis,
        long rssBeforeBytes,
        long rssPeakBytes,
        long rssAfterBytes,
        Duration retryAfter,
        String firstError) {
}
