package io.kedge.bench;

import java.time.Duration;
import java.util.List;

/**
 * The end-to-end benchmark's burst phase (issue 8, "memory flat under a burst of 50,000
 * readings"): a fixed number of readings offered open loop after the steps, drained like a step,
 * with each process's resident memory before, at its peak and after.
 *
 * @param readings         readings offered
 * @param figures          the burst's figures as a step's (name {@code burst}): sent, 503, stored, latencies, usage
 * @param allStoredSeconds from the first reading's sample time until InfluxDB held every reading sent; NaN when it never did
 * @param settle           the pause after the drain before the "after" memory was read
 * @param memory           each watched process's resident memory, in the order of the report's columns
 */
record PipelineBurst(long readings, PipelineStep figures, double allStoredSeconds, Duration settle,
                     List<ProcessMemory> memory) {

    /** "Flat": the resident memory after the burst, its drain and the settle at most this much above before it. */
    static final double FLAT_GROWTH = 0.10;

    /**
     * One process's resident memory around the burst (bytes).
     *
     * @param before just before the first reading
     * @param peak   highest sampled during the burst and its drain
     * @param after  after the drain and the settle
     */
    record ProcessMemory(String name, long before, long peak, long after) {
    }

    /** Readings the pipeline took (202, PUBACK): every one must be stored. */
    long accepted() {
        return figures.accepted();
    }

    long stored() {
        return figures.stored();
    }

    /** stored − accepted: negative when readings were lost or not stored within the drain. */
    long difference() {
        return figures.difference();
    }

    /** The memory of {@code process}; of all processes summed when it is null. */
    ProcessMemory of(String process) {
        if (process != null) {
            return memory.stream().filter(m -> m.name().equals(process)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no process watched as " + process));
        }
        return new ProcessMemory("total", memory.stream().mapToLong(ProcessMemory::before).sum(),
                memory.stream().mapToLong(ProcessMemory::peak).sum(), memory.stream().mapToLong(ProcessMemory::after).sum());
    }

    /**
     * Whether the memory the mode is judged on (the edge process in edge mode, every process
     * together in the six-process mode) came back flat: every reading sent stored, and after the
     * settle at most {@link #FLAT_GROWTH} above before.
     */
    boolean flat(PipelineMode mode) {
        ProcessMemory judged = of(mode.targetProcess);
        return difference() == 0 && judged.before() > 0 && growth(judged.before(), judged.after()) <= FLAT_GROWTH;
    }

    /** {@code to} over {@code from}, minus one; NaN without a {@code from}. */
    static double growth(long from, long to) {
        return from <= 0 ? Double.NaN : (double) (to - from) / from;
    }
}
