package io.kedge.bench;

import io.kedge.bench.load.LatencyHistogram;

/**
 * Figures of one phase of the alert benchmark.
 *
 * @param name            {@code warm-up} or {@code measured}
 * @param seconds         how long readings were offered
 * @param sent            readings posted
 * @param accepted        readings the broker answered 202
 * @param refused         503 answers (backlog full)
 * @param errors          other non-2xx answers, transport errors, requests never answered or never sent
 * @param expected        alerts the firing readings among the accepted ones must cause
 * @param fired           distinct alerts of the crossed rule received for this phase's firing readings
 * @param duplicates      the same alert again (at-least-once delivery)
 * @param otherAlerts     alerts of other rules for this phase's firing devices
 * @param validated       validated readings received
 * @param firedLatency    reading due → fired alert at the subscriber
 * @param validatedLatency reading due → validated reading at the subscriber
 * @param ackLatency      reading due → the broker's 202
 * @param usage           memory and CPU of the processes over the phase (null for the warm-up)
 * @param meters          the broker's meters over the phase (null for the warm-up)
 */
record AlertRun(
        String name,
        double seconds,
        long sent,
        long accepted,
        long refused,
        long errors,
        long expected,
        long fired,
        long duplicates,
        long otherAlerts,
        long validated,
        LatencyHistogram firedLatency,
        LatencyHistogram validatedLatency,
        LatencyHistogram ackLatency,
        Usage usage,
        BrokerMeters meters) {

    /** Every expected alert arrived, once or more, and no other. */
    boolean complete() {
        return fired == expected && otherAlerts == 0;
    }
}
