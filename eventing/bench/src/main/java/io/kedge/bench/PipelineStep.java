package io.kedge.bench;

import io.kedge.bench.load.LatencyHistogram;

/**
 * Figures of one step (or the warm-up) of the end-to-end benchmark.
 *
 * @param name             {@code warm-up} or {@code step N}
 * @param offered          readings/s offered
 * @param seconds          how long they were offered
 * @param sent             readings sent (posted or published)
 * @param httpAccepted     readings the broker answered 202
 * @param httpRefused      503 answers (the broker's backpressure): never in the pipeline
 * @param httpErrors       other answers, transport errors, no answer in time
 * @param mqttAcked        readings Mosquitto acknowledged (PUBACK)
 * @param mqttErrors       publishes without PUBACK in time, or failed
 * @param unsent           readings the generator gave up on, behind its schedule
 * @param stored           points of the step's readings in InfluxDB once drained
 * @param storedPerSecond  stored over the span from the first reading's sample time to the last point's arrival, never shorter than the step
 * @param drainSeconds     from the step's last reading until InfluxDB held all it would
 * @param drained          InfluxDB gained every accepted reading before the drain gave up
 * @param probes           sample → stored latency of the step's probe readings
 * @param alertsExpected   firing readings the pipeline accepted
 * @param alertsFired      distinct {@code temperature-high} alerts at the subscriber for them
 * @param alertDuplicates  the same alert again (at-least-once delivery)
 * @param alertLatency     reading due → its alert at the subscriber
 * @param usage            memory (peak) and CPU of each process over the step and its drain
 * @param cpuSeconds       CPU time of every process of the stack (not the benchmark) over the step and its drain
 * @param saturation       why the step is saturated; null when it kept up
 */
record PipelineStep(
        String name,
        int offered,
        double seconds,
        long sent,
        long httpAccepted,
        long httpRefused,
        long httpErrors,
        long mqttAcked,
        long mqttErrors,
        long unsent,
        long stored,
        double storedPerSecond,
        double drainSeconds,
        boolean drained,
        ProbeWatcher.Phase probes,
        long alertsExpected,
        long alertsFired,
        long alertDuplicates,
        LatencyHistogram alertLatency,
        Usage usage,
        double cpuSeconds,
        String saturation) {

    /** Readings the pipeline took responsibility for: every one of them must be stored. */
    long accepted() {
        return httpAccepted + mqttAcked;
    }

    /** stored − accepted: negative when readings were lost (or not stored within the drain). */
    long difference() {
        return stored - accepted();
    }

    boolean saturated() {
        return saturation != null;
    }

    /** Kept up and lost nothing: stored equals accepted, every alert arrived. */
    boolean keptUp() {
        return !saturated() && difference() == 0 && alertsFired == alertsExpected;
    }

    /** CPU of the whole stack per reading stored, in ms; NaN when nothing was stored. */
    double cpuMillisPerReading() {
        return stored == 0 ? Double.NaN : cpuSeconds * 1_000 / stored;
    }

    /** Sum of the peak RSS of every process of the stack. */
    long totalRssBytes() {
        return usage.processes().stream().mapToLong(Usage.ProcessUse::peakRssBytes).sum();
    }
}
