package io.kedge.bench;

import static io.kedge.bench.Figures.met;
import static io.kedge.bench.Figures.mib;
import static io.kedge.bench.Figures.ms;
import static io.kedge.bench.Figures.percent;
import static io.kedge.bench.Figures.whole;

import io.kedge.bench.PipelineLoad.Ingress;
import io.kedge.bench.load.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark's results as markdown: one row per step (throughput, sent against
 * stored, latencies, memory and CPU of the stack), memory and CPU per process, the burst (sent
 * against stored, memory before, at peak and after), and issue 8's targets met or missed.
 *
 * @param mode            the six processes or the edge app: the title, the process columns, the memory target
 * @param command         how the run was started
 * @param context         machine, JVM options and settings, one line
 * @param idle            memory of the stack before any load
 * @param warmup          the warm-up phase; null when skipped
 * @param steps           the measured steps in order
 * @param burst           the burst after the steps; null when skipped ({@code --burst 0})
 * @param meanPollMillis  mean interval between two answers of the probe poller: how late a latency may read
 * @param loadAverageEnd  the one-minute load average when the last step ended
 */
record PipelineBenchReport(PipelineMode mode, String command, String context, Usage idle, PipelineStep warmup, List<PipelineStep> steps,
                           PipelineBurst burst, double meanPollMillis, String loadAverageEnd) {

    static final List<String> COLUMNS = List.of("step", "offered/s", "stored/s", "sent", "stored", "stored − sent",
            "503", "errors", "p50 ms", "p95 ms", "p99 ms", "HTTP p99 ms", "MQTT p99 ms", "alerts", "alert p50 ms",
            "alert p99 ms", "RSS MB", "CPU ms/reading", "drain s", "notes");

    static final int TARGET_RATE = 10_000;
    static final int TARGET_LATENCY_RATE = 1_000;
    static final double TARGET_STORED_P99_MILLIS = 20;
    static final double TARGET_ALERT_P99_MILLIS = 10;
    static final long TARGET_BURST = 50_000;
    static final List<String> BURST_MEMORY_COLUMNS = List.of("process", "before MiB", "peak MiB", "after MiB",
            "peak vs before", "after vs before");

    String markdown() {
        StringBuilder out = new StringBuilder("## end-to-end benchmark (pipeline" + mode.titleSuffix + ")\n\n");
        out.append("`").append(command).append("`  \n").append(context).append(" Load average ").append(loadAverageEnd)
                .append(" at the end.\n\n");
        out.append(String.format(Locale.ROOT, "Each step offers its rate open loop (each reading sent at its scheduled"
                + " time, which is also its sample time), then waits until InfluxDB holds every reading sent. sent:"
                + " readings the pipeline took (the broker's 202 for HTTP, Mosquitto's PUBACK for MQTT); 503: HTTP"
                + " readings the broker refused (backpressure, never in the pipeline); stored: the step's points in"
                + " InfluxDB (`SELECT count(temperature)` over its location and sample times), after the drain;"
                + " stored/s: stored over the span from the first sample time to the last point's arrival, never"
                + " shorter than the step. p50-p99: sample time → the reading visible in InfluxDB, of probe readings"
                + " (InfluxDB polled; a latency reads late by at most the interval between two polls, %s ms on"
                + " average here), overall and per ingress path. alerts: distinct `temperature-high` alerts at the"
                + " benchmark's subscriber / firing readings sent; alert p50/p99: sample time → the alert at the"
                + " subscriber. RSS: sum of each process's peak (MiB) over the step and its drain; CPU: all processes"
                + " of the stack (not the benchmark) over the step and its drain, per reading stored; drain: from the"
                + " step's last reading until the last point arrived.%n%n", ms(meanPollMillis)));
        MarkdownTable table = new MarkdownTable(COLUMNS);
        all().forEach(step -> table.row(cells(step)));
        out.append(table.render()).append('\n');
        out.append(summary()).append("\n\n");
        out.append("### Memory per process (peak RSS, MiB)\n\n").append(memory().render()).append('\n');
        out.append("### CPU per process (% of one core, over the step and its drain)\n\n").append(cpu().render()).append('\n');
        if (burst != null) {
            out.append(burstSection()).append('\n');
        }
        out.append("### ").append(mode.targetsHeading).append("\n\n").append(targets().render());
        return out.toString();
    }

    private Stream<PipelineStep> all() {
        return Stream.concat(Stream.ofNullable(warmup), steps.stream());
    }

    String summary() {
        Optional<PipelineStep> best = steps.stream().filter(PipelineStep::keptUp)
                .max((a, b) -> Integer.compare(a.offered(), b.offered()));
        Optional<PipelineStep> saturated = steps.stream().filter(PipelineStep::saturated).findFirst();
        String kept = best.map(s -> String.format(Locale.ROOT, "Kept up to %,d readings/s offered (%,.0f stored/s,"
                + " sample → stored p99 %s ms, nothing lost).", s.offered(), s.storedPerSecond(),
                ms(s.probes().latency().percentileMillis(99)))).orElse("Kept up with no step.");
        String sat = saturated.map(s -> String.format(Locale.ROOT, " Saturated at %,d readings/s offered (%,.0f stored/s): %s.",
                s.offered(), s.storedPerSecond(), s.saturation())).orElse(" Not saturated by the highest step.");
        long lost = lost();
        String loss = lost == 0 ? " Every reading sent was stored" + (burst == null ? "." : ", in the steps and the burst.")
                : String.format(Locale.ROOT, " **%,d readings sent were not stored** (see stored − sent%s).", lost,
                        burst == null ? "" : ", steps and burst");
        return kept + sat + loss;
    }

    /** Readings sent (202, PUBACK) that InfluxDB did not hold once drained, in the steps and the burst. */
    long lost() {
        return Stream.concat(steps.stream(), Stream.ofNullable(burst).map(PipelineBurst::figures))
                .mapToLong(s -> Math.max(0, -s.difference())).sum();
    }

    /** The burst: its row with the steps' columns, how long until all was stored, and memory before → peak → after. */
    String burstSection() {
        PipelineStep b = burst.figures();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "### Burst: %,d readings at %,d/s%n%n",
                burst.readings(), b.offered()));
        out.append(String.format(Locale.ROOT, "After the steps, %,d readings offered open loop at %,d/s, split between"
                        + " MQTT and HTTP and mixed (firing readings, probes) as a step at that rate; 503 answers are"
                        + " refused, not sent. Then drained as a step, with its own timeout (until InfluxDB holds every"
                        + " reading sent, or gained nothing for the stall time, or the burst's drain timeout passed)."
                        + " RSS of each process: just before the first reading, the highest sampled during the burst"
                        + " and its drain, and after a settle of %s s. Flat: %s after the settle at most %.0f %%"
                        + " above before, and every reading sent stored.%n%n",
                burst.readings(), b.offered(), Figures.seconds(burst.settle()),
                mode.targetProcess == null ? "the whole stack's total" : "the " + mode.targetProcess + " process's RSS",
                100 * PipelineBurst.FLAT_GROWTH));
        MarkdownTable row = new MarkdownTable(COLUMNS);
        row.row(cells(b));
        out.append(row.render()).append('\n');
        out.append(String.format(Locale.ROOT, "%,d offered: %,d sent, %,d × 503, %,d errors; %,d stored (stored − sent %s); %s.%n%n",
                burst.readings(), b.accepted(), b.httpRefused(), b.httpErrors() + b.mqttErrors() + b.unsent(),
                b.stored(), signed(b.difference()),
                Double.isNaN(burst.allStoredSeconds())
                        ? String.format(Locale.ROOT, "**not all stored** when the drain gave up, %.1f s after the last reading",
                        b.drainSeconds())
                        : String.format(Locale.ROOT, "all stored %.1f s after the first reading's sample time (%.1f s after the"
                        + " last reading)", burst.allStoredSeconds(), b.drainSeconds())));
        MarkdownTable memory = new MarkdownTable(BURST_MEMORY_COLUMNS);
        for (String process : mode.processes) {
            memory.row(memoryCells(burst.of(process)));
        }
        memory.row(memoryCells(burst.of(null)));
        out.append(memory.render()).append('\n');
        out.append(String.format(Locale.ROOT, "Memory flat: %s.%n", met(burst.flat(mode))));
        return out.toString();
    }

    private static List<String> memoryCells(PipelineBurst.ProcessMemory m) {
        return List.of(m.name(), mib(m.before()), mib(m.peak()), mib(m.after()), growth(m.before(), m.peak()),
                growth(m.before(), m.after()));
    }

    private static String growth(long from, long to) {
        double growth = PipelineBurst.growth(from, to);
        return Double.isNaN(growth) ? "—" : String.format(Locale.ROOT, "%+.0f %%", 100 * growth);
    }

    MarkdownTable memory() {
        List<String> headers = new ArrayList<>(List.of("step"));
        headers.addAll(mode.processes);
        headers.add("total");
        MarkdownTable table = new MarkdownTable(headers);
        table.row(memoryRow("idle", idle));
        all().forEach(step -> table.row(memoryRow(step.name() + " (" + whole(step.offered()) + "/s)", step.usage())));
        return table;
    }

    private List<String> memoryRow(String name, Usage usage) {
        List<String> cells = new ArrayList<>(List.of(name));
        long total = 0;
        for (String process : mode.processes) {
            long rss = usage.of(process).peakRssBytes();
            cells.add(mib(rss));
            total += rss;
        }
        cells.add(mib(total));
        return cells;
    }

    MarkdownTable cpu() {
        List<String> headers = new ArrayList<>(List.of("step"));
        headers.addAll(mode.processes);
        headers.add("benchmark");
        MarkdownTable table = new MarkdownTable(headers);
        all().forEach(step -> {
            List<String> cells = new ArrayList<>(List.of(step.name() + " (" + whole(step.offered()) + "/s)"));
            mode.processes.forEach(process -> cells.add(percent(step.usage().of(process).cpuPercent())));
            cells.add(percent(step.usage().benchCpuPercent()));
            table.row(cells);
        });
        return table;
    }

    MarkdownTable targets() {
        MarkdownTable table = new MarkdownTable(List.of("target", "measured", "met"));
        Optional<PipelineStep> best = steps.stream().filter(PipelineStep::keptUp)
                .max((a, b) -> Integer.compare(a.offered(), b.offered()));
        table.row(List.of("≥ 10,000 readings/s sustained end to end with zero loss",
                best.map(s -> String.format(Locale.ROOT, "kept up to %,d/s offered (%,.0f stored/s)", s.offered(),
                        s.storedPerSecond())).orElse("no step kept up"),
                met(best.map(s -> s.offered() >= TARGET_RATE).orElse(false))));
        Optional<PipelineStep> at1000 = steps.stream().filter(s -> s.offered() == TARGET_LATENCY_RATE).findFirst();
        table.row(List.of("p99 sample → stored ≤ 20 ms at 1,000 readings/s",
                at1000.map(s -> String.format(Locale.ROOT, "p99 %s ms (%,d probes)",
                        ms(s.probes().latency().percentileMillis(99)), s.probes().seen())).orElse("no 1,000/s step"),
                at1000.map(s -> met(s.probes().seen() > 0 && s.probes().seen() == s.probes().sent()
                        && s.probes().latency().percentileMillis(99) <= TARGET_STORED_P99_MILLIS)).orElse("—")));
        table.row(List.of("reading → alert p99 ≤ 10 ms (at 1,000 readings/s)",
                at1000.map(s -> String.format(Locale.ROOT, "p99 %s ms, %,d of %,d alerts", ms(s.alertLatency().percentileMillis(99)),
                        s.alertsFired(), s.alertsExpected())).orElse("no 1,000/s step"),
                at1000.map(s -> met(s.alertsFired() == s.alertsExpected() && s.alertsExpected() > 0
                        && s.alertLatency().percentileMillis(99) <= TARGET_ALERT_P99_MILLIS)).orElse("—")));
        table.row(List.of(mode.rssTarget, at1000.map(this::rssMeasured).orElse("no 1,000/s step"),
                at1000.map(s -> met(mode.targetRssBytes(s.usage()) <= mode.rssTargetBytes)).orElse("—")));
        table.row(burstTarget());
        return table;
    }

    /** Judged on the mode's memory (the whole stack, or the edge process) by {@link PipelineBurst#flat}; only for a burst of 50,000 or more. */
    private List<String> burstTarget() {
        String target = String.format(Locale.ROOT, "memory flat under a burst of %,d readings", TARGET_BURST);
        if (burst == null) {
            return List.of(target, "not measured (--burst 0)", "—");
        }
        PipelineBurst.ProcessMemory m = burst.of(mode.targetProcess);
        String measured = String.format(Locale.ROOT, "%s %s → peak %s → %s MiB (%s after %s s); %,d of %,d sent stored, %,d × 503",
                mode.targetProcess == null ? "whole stack" : mode.targetProcess, mib(m.before()), mib(m.peak()),
                mib(m.after()), growth(m.before(), m.after()),
                Figures.seconds(burst.settle()), burst.stored(),
                burst.accepted(), burst.figures().httpRefused());
        if (burst.readings() < TARGET_BURST) {
            return List.of(target, String.format(Locale.ROOT, "a burst of %,d only: %s", burst.readings(), measured), "—");
        }
        return List.of(target, measured, met(burst.flat(mode)));
    }

    /** The line printed when the burst ends. */
    static String burstProgressLine(PipelineBurst burst, PipelineMode mode) {
        PipelineBurst.ProcessMemory m = burst.of(mode.targetProcess);
        return String.format(Locale.ROOT, "burst done: %,d sent, %,d × 503, %,d stored (%s), %s; %s RSS %s → peak %s → %s MiB"
                        + " (%s) — memory flat: %s",
                burst.accepted(), burst.figures().httpRefused(), burst.stored(), signed(burst.difference()),
                Double.isNaN(burst.allStoredSeconds()) ? "not all stored"
                        : String.format(Locale.ROOT, "all stored %.1f s after the first reading", burst.allStoredSeconds()),
                mode.targetProcess == null ? "whole stack" : mode.targetProcess, mib(m.before()), mib(m.peak()),
                mib(m.after()), growth(m.before(), m.after()), met(burst.flat(mode)));
    }

    private String rssMeasured(PipelineStep s) {
        if (mode.targetProcess == null) {
            return String.format(Locale.ROOT, "%s MiB (sum of peaks; idle %s MiB)", mib(s.totalRssBytes()),
                    mib(mode.targetRssBytes(idle)));
        }
        return String.format(Locale.ROOT, "%s %s MiB (peak; idle %s MiB); with influxd and mosquitto %s MiB",
                mode.targetProcess, mib(mode.targetRssBytes(s.usage())), mib(mode.targetRssBytes(idle)),
                mib(s.totalRssBytes()));
    }

    private static List<String> cells(PipelineStep s) {
        String notes = s.saturated() ? "saturated: " + s.saturation() : s.name().equals("warm-up") ? "not measured" : "kept up";
        return List.of(s.name(), whole(s.offered()), whole(s.storedPerSecond()), whole(s.accepted()), whole(s.stored()),
                signed(s.difference()), whole(s.httpRefused()), whole(s.httpErrors() + s.mqttErrors() + s.unsent()),
                ms(s.probes().latency().percentileMillis(50)), ms(s.probes().latency().percentileMillis(95)),
                ms(s.probes().latency().percentileMillis(99)), p99(s, Ingress.HTTP), p99(s, Ingress.MQTT),
                s.alertsFired() + "/" + s.alertsExpected(), ms(s.alertLatency().percentileMillis(50)),
                ms(s.alertLatency().percentileMillis(99)), mib(s.totalRssBytes()),
                Double.isNaN(s.cpuMillisPerReading()) ? "—" : String.format(Locale.ROOT, "%.2f", s.cpuMillisPerReading()),
                String.format(Locale.ROOT, "%.1f", s.drainSeconds()), notes);
    }

    private static String p99(PipelineStep s, Ingress ingress) {
        return s.probes().latency(ingress).count() == 0 ? "—" : ms(s.probes().latency(ingress).percentileMillis(99));
    }

    private static String signed(long difference) {
        return difference == 0 ? "0" : String.format(Locale.ROOT, "%+,d", difference);
    }

    /** The line printed when a step ends. */
    static String progressLine(PipelineStep s) {
        return String.format(Locale.ROOT, "%s: %,d/s offered, %,.0f stored/s, %,d sent, %,d stored (%s), %,d × 503,"
                        + " p50 %s ms, p99 %s ms (%,d of %,d probes), alerts %,d/%,d p99 %s ms, RSS %s MiB,"
                        + " CPU %.2f ms/reading — %s",
                s.name(), s.offered(), s.storedPerSecond(), s.accepted(), s.stored(), signed(s.difference()),
                s.httpRefused(), ms(s.probes().latency().percentileMillis(50)), ms(s.probes().latency().percentileMillis(99)),
                s.probes().seen(), s.probes().sent(), s.alertsFired(), s.alertsExpected(),
                ms(s.alertLatency().percentileMillis(99)), mib(s.totalRssBytes()), s.cpuMillisPerReading(),
                s.saturated() ? "saturated: " + s.saturation() : "kept up");
    }
}
