package io.kedge.bench;

import io.kedge.bench.load.ProcessStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory and CPU over one measured window: of each watched process, and the benchmark's own CPU
 * (load generator and client), which shares the machine's cores with them.
 *
 * @param processes       in the order they were watched
 * @param benchCpuPercent this JVM's CPU, % of one core
 */
record Usage(List<ProcessUse> processes, double benchCpuPercent) {

    /**
     * @param peakRssBytes highest resident memory sampled in the window
     * @param cpuPercent   CPU over the window, % of one core (two busy cores make 200 %)
     */
    record ProcessUse(String name, long peakRssBytes, double cpuPercent) {
    }

    /** The figures of the process watched as {@code name}. */
    ProcessUse of(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process watched as " + name));
    }

    /**
     * Starts a window now: resets each process's peak and reads the CPU counters; {@link Window#close()}
     * ends it.
     */
    static Window open(List<Watched> watched) {
        return new Window(watched);
    }

    /** A measured window in progress. */
    static final class Window {

        private final List<Watched> watched;
        private final long[] ticks;
        private final long ownTicks;
        private final long startNanos = System.nanoTime();

        private Window(List<Watched> watched) {
            this.watched = List.copyOf(watched);
            this.ticks = new long[watched.size()];
            for (int i = 0; i < ticks.length; i++) {
                watched.get(i).sampler().resetPeak();
                ticks[i] = watched.get(i).sampler().cpuTicks();
            }
            this.ownTicks = BenchOutput.ownCpuTicks();
        }

        Usage close() {
            long wall = System.nanoTime() - startNanos;
            List<ProcessUse> processes = new ArrayList<>();
            for (int i = 0; i < ticks.length; i++) {
                Watched w = watched.get(i);
                processes.add(new ProcessUse(w.name(), w.sampler().peakRssBytes(),
                        ProcessStats.cpuPercent(w.sampler().cpuTicks() - ticks[i], wall)));
            }
            return new Usage(List.copyOf(processes), ProcessStats.cpuPercent(BenchOutput.ownCpuTicks() - ownTicks, wall));
        }
    }
}
