package io.kedge.bench;

import static io.kedge.bench.Figures.met;
import static io.kedge.bench.Figures.mib;
import static io.kedge.bench.Figures.ms;
import static io.kedge.bench.Figures.percent;

import io.kedge.bench.load.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as markdown, for the terminal and for the README's performance section: the steps,
 * where the broker saturated, the burst, and the broker's targets (issue 3) met or missed.
 *
 * @param command   how the run was started
 * @param context   machine, JVM and settings, one line
 * @param steps     the measured steps, in order; the last may be the saturated one
 * @param burst     the burst phase; null when skipped
 * @param calibrate whether the load went straight to the subscriber (no broker)
 */
record BrokerBenchReport(String command, String context, List<StepResult> steps, BurstResult burst, boolean calibrate) {

    static final List<String> STEP_COLUMNS = List.of("offered/s", "accepted/s", "delivered/s", "p50 ms", "p99 ms",
            "max ms", "ack p99 ms", "broker RSS MB", "broker CPU %", "bench CPU %", "503", "errors", "notes");
    static final List<String> BURST_COLUMNS = List.of("events", "accepted/s", "delivered/s", "accepted in s",
            "drained in s", "p99 ms", "503", "errors", "RSS before MB", "RSS peak MB", "RSS after MB", "notes");

    static final double TARGET_RATE = 10_000;
    static final double TARGET_P99_MILLIS = 10;
    static final double TARGET_RSS_MIB = 128;
    static final int TARGET_AT_RATE = 1_000;
    /** "Memory flat": the burst's peak at most this much above the resident memory before it. */
    static final double FLAT_GROWTH = 0.10;

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(calibrate ? "## Benchmark calibration (no broker)\n\n" : "## Broker benchmark\n\n");
        out.append("`").append(command).append("`  \n").append(context).append("\n\n");
        out.append(calibrate
                ? "The load goes straight to the no-op subscriber: the benchmark's own ceiling on this machine.\n\n"
                : "Open-loop load (each event sent at its scheduled time; latency from that time, so queueing counts),"
                        + " binary-mode `io.kedge.reading.v1` events → broker → one Trigger → no-op subscriber"
                        + " (202, no body). Latency: scheduled send → arrival at the subscriber; ack: scheduled send"
                        + " → the broker's 202. MB = MiB; CPU % of one core.\n\n");
        MarkdownTable table = new MarkdownTable(STEP_COLUMNS);
        steps.forEach(step -> table.row(stepCells(step)));
        out.append(table.render()).append('\n');
        out.append(summary()).append("\n\n");
        if (burst != null) {
            out.append(String.format(Locale.ROOT,
                    "### Burst: %,d events as fast as the broker accepts them (503 honoured: wait Retry-After, send again)%n%n",
                    burst.events()));
            out.append(new MarkdownTable(BURST_COLUMNS).row(burstCells(burst)).render()).append('\n');
        }
        if (!calibrate) {
            out.append("### Targets (issue 3: this machine, JVM mode, durability on)\n\n");
            out.append(targets().render());
        }
        return out.toString();
    }

    /** Where the broker saturated and the best rate it kept up with. */
    String summary() {
        Optional<StepResult> best = steps.stream().filter(s -> !s.saturated())
                .max((a, b) -> Double.compare(a.deliveredPerSecond(), b.deliveredPerSecond()));
        Optional<StepResult> saturated = steps.stream().filter(StepResult::saturated).findFirst();
        String kept = best.map(s -> String.format(Locale.ROOT, "Kept up to %,d events/s offered (%,.0f delivered/s, p99 %s ms).",
                s.offered(), s.deliveredPerSecond(), ms(s.p99Millis()))).orElse("Kept up with no step.");
        String sat = saturated.map(s -> String.format(Locale.ROOT, " Saturated at %,d events/s offered: %s.",
                s.offered(), s.saturation())).orElse(" Not saturated by the highest step.");
        return kept + sat;
    }

    MarkdownTable targets() {
        MarkdownTable table = new MarkdownTable(List.of("target", "measured", "met"));
        Optional<StepResult> best = steps.stream().filter(s -> !s.saturated())
                .max((a, b) -> Double.compare(a.deliveredPerSecond(), b.deliveredPerSecond()));
        table.row(List.of("≥ 10,000 events/s ingress → subscriber",
                best.map(s -> String.format(Locale.ROOT, "%,.0f events/s delivered at %,d/s offered",
                        s.deliveredPerSecond(), s.offered())).orElse("no step kept up"),
                met(best.map(StepResult::deliveredPerSecond).orElse(0.0) >= TARGET_RATE)));
        Optional<StepResult> atTarget = steps.stream().filter(s -> s.offered() == TARGET_AT_RATE).findFirst();
        table.row(List.of("p99 ≤ 10 ms at 1,000 events/s",
                atTarget.map(s -> ms(s.p99Millis()) + " ms").orElse("not measured (no 1,000/s step)"),
                atTarget.map(s -> met(s.p99Millis() <= TARGET_P99_MILLIS)).orElse("—")));
        table.row(List.of("RSS ≤ 128 MB at 1,000 events/s",
                atTarget.map(s -> mib(s.peakRssBytes()) + " MB peak").orElse("not measured (no 1,000/s step)"),
                atTarget.map(s -> met(s.peakRssBytes() >= 0 && s.peakRssBytes() / 1048576.0 <= TARGET_RSS_MIB)).orElse("—")));
        if (burst == null) {
            table.row(List.of("memory flat under a burst of 100,000 events", "not measured (--burst 0)", "—"));
        } else {
            double growth = burst.rssBeforeBytes() <= 0 ? 0
                    : (burst.rssPeakBytes() - burst.rssBeforeBytes()) / (double) burst.rssBeforeBytes();
            table.row(List.of(String.format(Locale.ROOT, "memory flat under a burst of %,d events", burst.events()),
                    String.format(Locale.ROOT, "%s → peak %s → %s MB (%+.0f %%)", mib(burst.rssBeforeBytes()),
                            mib(burst.rssPeakBytes()), mib(burst.rssAfterBytes()), 100 * growth),
                    met(growth <= FLAT_GROWTH && burst.delivered() == burst.events())));
        }
        return table;
    }

    /** The line printed as a step finishes. */
    static String progressLine(int number, int total, StepResult s) {
        return String.format(Locale.ROOT,
                "step %d/%d %,7d/s: accepted %,.0f/s, delivered %,.0f/s, p50 %s ms, p99 %s ms, max %s ms, broker RSS %s MB, CPU %s %% — %s",
                number, total, s.offered(), s.acceptedPerSecond(), s.deliveredPerSecond(), ms(s.p50Millis()),
                ms(s.p99Millis()), ms(s.maxMillis()), mib(s.peakRssBytes()), percent(s.brokerCpuPercent()),
                s.saturated() ? "saturated: " + s.saturation() : "kept up");
    }

    private static List<String> stepCells(StepResult s) {
        return List.of(
                String.format(Locale.ROOT, "%,d", s.offered()),
                String.format(Locale.ROOT, "%,.0f", s.acceptedPerSecond()),
                String.format(Locale.ROOT, "%,.0f", s.deliveredPerSecond()),
                ms(s.p50Millis()), ms(s.p99Millis()), ms(s.maxMillis()), ms(s.ackP99Millis()),
                mib(s.peakRssBytes()), percent(s.brokerCpuPercent()), percent(s.benchCpuPercent()),
                String.format(Locale.ROOT, "%,d", s.backpressure()),
                String.format(Locale.ROOT, "%,d", s.errors()),
                notes(s.saturation(), s.duplicates(), s.retryAfter(), s.firstError()));
    }

    private static List<String> burstCells(BurstResult b) {
        return List.of(
                String.format(Locale.ROOT, "%,d", b.events()),
                String.format(Locale.ROOT, "%,.0f", b.acceptSeconds() <= 0 ? 0 : b.accepted() / b.acceptSeconds()),
                String.format(Locale.ROOT, "%,.0f", b.drainSeconds() <= 0 ? 0 : b.delivered() / b.drainSeconds()),
                String.format(Locale.ROOT, "%.1f", b.acceptSeconds()),
                String.format(Locale.ROOT, "%.1f", b.drainSeconds()),
                ms(b.p99Millis()),
                String.format(Locale.ROOT, "%,d", b.backpressure()),
                String.format(Locale.ROOT, "%,d", b.errors()),
                mib(b.rssBeforeBytes()), mib(b.rssPeakBytes()), mib(b.rssAfterBytes()),
                notes(b.delivered() < b.accepted()
                                ? String.format(Locale.ROOT, "%,d accepted but not delivered", b.accepted() - b.delivered())
                                : b.unsent() > 0 ? String.format(Locale.ROOT, "%,d never sent", b.unsent()) : null,
                        b.duplicates(), b.retryAfter(), b.firstError()));
    }

    private static String notes(String saturation, long duplicates, java.time.Duration retryAfter, String firstError) {
        List<String> notes = new ArrayList<>();
        if (saturation != null) {
            notes.add("saturated: " + saturation);
        }
        if (duplicates > 0) {
            notes.add(String.format(Locale.ROOT, "%,d duplicates", duplicates));
        }
        if (retryAfter != null) {
            notes.add("Retry-After " + retryAfter.toMillis() / 1000.0 + " s");
        }
        if (firstError != null) {
            notes.add("first error: " + firstError);
        }
        return String.join("; ", notes);
    }
}
