package io.kedge.bench;

import java.util.List;

/**
 * What the end-to-end benchmark runs between the load and InfluxDB, as the launcher runs it: the
 * six processes of {@code ./kedge up}, or the single-process edge app of {@code ./kedge up --edge}
 * (issue 8, "Footprint": report both). The load, the phases and the figures are the same; this
 * says what the report calls the run, which processes it has columns for, and which of issue 8's
 * memory targets it is held to.
 */
enum PipelineMode {

    APPS("pipeline", "./kedge up", "", "six JVMs",
            List.of("broker", "validate", "store", "alert", "aggregate", "device-source", "influxd", "mosquitto"),
            null, "whole local stack ≤ 400 MB RSS at 1,000 readings/s", 400L * 1024 * 1024,
            "Targets (issue 8: this machine, JVM mode, local mode)"),
    EDGE("pipeline-edge", "./kedge up --edge", ", single-process edge app",
            "edge JVM (device source, broker and functions in one process)",
            List.of("edge", "influxd", "mosquitto"),
            "edge", "single-process edge mode ≤ 160 MB RSS at 1,000 readings/s", 160L * 1024 * 1024,
            "Targets (issue 8: this machine, JVM mode, single-process edge mode)");

    /** The results file's name without {@code .md}, under {@code eventing/bench/target/bench/}. */
    final String fileName;
    /** How the launcher starts what runs. */
    final String launcher;
    /** Added to the report's heading and the plot's title. */
    final String titleSuffix;
    /** What shares the cores besides the benchmark, InfluxDB and Mosquitto, for the context line. */
    final String jvms;
    /** The processes watched, in the order of the report's per-process columns. */
    final List<String> processes;
    /** The process the memory target is about; null: all of them together. */
    final String targetProcess;
    final String rssTarget;
    final long rssTargetBytes;
    final String targetsHeading;

    PipelineMode(String fileName, String launcher, String titleSuffix, String jvms, List<String> processes,
                 String targetProcess, String rssTarget, long rssTargetBytes, String targetsHeading) {
        this.fileName = fileName;
        this.launcher = launcher;
        this.titleSuffix = titleSuffix;
        this.jvms = jvms;
        this.processes = processes;
        this.targetProcess = targetProcess;
        this.rssTarget = rssTarget;
        this.rssTargetBytes = rssTargetBytes;
        this.targetsHeading = targetsHeading;
    }

    /** The default {@code --out}, relative to the checkout. */
    String defaultOut() {
        return "eventing/bench/target/bench/" + fileName + ".md";
    }

    /** The RSS the memory target is judged on: the target process's peak, else the sum of all peaks. */
    long targetRssBytes(Usage usage) {
        return targetProcess != null ? usage.of(targetProcess).peakRssBytes()
                : usage.processes().stream().mapToLong(Usage.ProcessUse::peakRssBytes).sum();
    }
}
