package io.kedge.bench;

import java.time.Duration;

/**
 * One measured step of offered load.
 *
 * @param offered            offered events/s
 * @param sent               events sent in the measured window
 * @param accepted           of those, answered 2xx
 * @param delivered          distinct events of the window that reached the subscriber
 * @param duplicates         redeliveries of events already received
 * @param backpressure       503 answers
 * @param errors             transport errors and answers other than 2xx and 503
 * @param unsent             events the generator gave up on, too far behind its schedule
 * @param acceptedPerSecond  2xx answers per second of the window (longer than the step when answers lag)
 * @param deliveredPerSecond distinct deliveries per second of the window
 * @param p50Millis          median due time → subscriber
 * @param p99Millis          99th percentile due time → subscriber
 * @param maxMillis          slowest delivery
 * @param ackP99Millis       99th percentile due time → 2xx answer
 * @param peakRssBytes       broker's highest resident memory in the window; -1 without a broker
 * @param brokerCpuPercent   broker CPU in the window, % of one core; NaN without a broker
 * @param benchCpuPercent    the benchmark's own CPU (load generator and subscriber)
 * @param retryAfter         longest Retry-After with a 503; null when none
 * @param firstError         first error seen; null when none
 * @param saturation         why this step counts as saturated; null when it kept up
 */
record StepResult(
        int offered,
        long sent,
        long accepted,
        long delivered,
        long duplicates,
        long backpressure,
        long errors,
        long unsent,
        double acceptedPerSecond,
        double deliveredPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        double ackP99Millis,
        long peakRssBytes,
        double brokerCpuPercent,
        double benchCpuPercent,
        Duration retryAfter,
        String firstError,
        String saturation) {

    boolean saturated() {
        return saturation != null;
    }
}
