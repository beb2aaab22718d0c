package io.kedge.bench;

import static io.kedge.bench.Figures.met;
import static io.kedge.bench.Figures.mib;
import static io.kedge.bench.Figures.ms;
import static io.kedge.bench.Figures.percent;
import static io.kedge.bench.Figures.whole;

import io.kedge.bench.load.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alert benchmark's results as markdown: per phase, fired against expected and the latency
 * percentiles; for the measured phase, where the time goes hop by hop (the broker's own meters)
 * and what each process used; and issue 5's target met or missed.
 *
 * @param command  how the run was started
 * @param context  machine, JVM options and settings, one line
 * @param runs     the warm-up (if any) and the measured phase, in order
 * @param rate     readings/s offered
 * @param foreign  deliveries to the subscriber not caused by this run's readings
 */
record AlertBenchReport(String command, String context, List<AlertRun> runs, int rate, long foreign) {

    static final List<String> COLUMNS = List.of("phase", "readings", "202", "503", "errors", "fired", "expected",
            "duplicates", "other alerts", "p50 ms", "p95 ms", "p99 ms", "max ms", "validated p50 ms", "validated p99 ms",
            "202 p99 ms");
    static final double TARGET_P99_MILLIS = 10;

    AlertRun measured() {
        return runs.get(runs.size() - 1);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("## alert benchmark\n\n");
        out.append("`").append(command).append("`  \n").append(context).append("\n\n");
        out.append("Readings posted to the broker open loop (each at its scheduled time; latency from that time, so"
                + " queueing counts); one in N is 35 °C from a device never seen before, which crosses `temperature-high`"
                + " (`for` 0s) and opens a new incident. fired: distinct `io.kedge.alert.fired.v1` of that rule at the"
                + " benchmark's subscriber, against expected (the firing readings the broker accepted); p50-max: reading"
                + " posted → its alert at the subscriber; validated: reading posted → its `io.kedge.reading.validated.v1`"
                + " at the subscriber (the first half of the path); 202: reading posted → the broker's 202.\n\n");
        MarkdownTable table = new MarkdownTable(COLUMNS);
        runs.forEach(run -> table.row(cells(run)));
        out.append(table.render()).append('\n');
        if (foreign > 0) {
            out.append(String.format(Locale.ROOT, "%,d deliveries to the subscriber were not caused by this run's readings"
                    + " (another device's alert).%n%n", foreign));
        }
        AlertRun measured = measured();
        if (measured.meters() != null) {
            out.append("### Where the time goes (measured phase)\n\n");
            out.append("The broker's own meters over the measured phase (`/q/metrics`): per Trigger, from the event's"
                    + " arrival at the broker to the subscriber's 2xx, a reply stored first (each stored event is"
                    + " fsync'd before it counts); p99 is the upper bound of the histogram bucket that holds it.\n\n");
            out.append(hops(measured.meters()).render()).append('\n');
        }
        if (measured.usage() != null) {
            out.append("### Processes (measured phase)\n\n");
            out.append(processes(measured.usage()).render()).append('\n');
        }
        out.append("### Target (issue 5: this machine, JVM mode, local mode)\n\n");
        out.append(targets().render());
        return out.toString();
    }

    MarkdownTable targets() {
        AlertRun run = measured();
        MarkdownTable table = new MarkdownTable(List.of("target", "measured", "met"));
        double p99 = run.firedLatency().percentileMillis(99);
        table.row(List.of(String.format(Locale.ROOT, "reading posted → alert.fired at a subscriber: p99 ≤ 10 ms at %d readings/s",
                        AlertBenchOptions.TARGET_RATE),
                String.format(Locale.ROOT, "p99 %s ms at %,d readings/s, %,d of %,d alerts", ms(p99), rate, run.fired(),
                        run.expected()),
                rate >= AlertBenchOptions.TARGET_RATE ? met(run.complete() && p99 <= TARGET_P99_MILLIS) : "— (lower rate)"));
        return table;
    }

    private static MarkdownTable hops(BrokerMeters meters) {
        MarkdownTable table = new MarkdownTable(List.of("hop", "Trigger or meter", "count", "mean ms", "p99 ms ≤"));
        hop(table, "reading → validate → validated stored", "kedge/validate-readings", meters);
        hop(table, "validated → alert (state to InfluxDB) → fired stored", "kedge/alert-validated", meters);
        hop(table, "fired → subscriber", "kedge/" + AlertBenchManifests.FIRED_TRIGGER, meters);
        hop(table, "validated → subscriber", "kedge/" + AlertBenchManifests.VALIDATED_TRIGGER, meters);
        hop(table, "validated → store (beside the alert path)", "kedge/store-validated", meters);
        hop(table, "fired → store (beside)", "kedge/store-alerts-fired", meters);
        hop(table, "fired → notifier (beside)", "kedge/notify-fired", meters);
        BrokerMeters.Histogram commits = meters.get(BrokerMeters.COMMIT, null);
        BrokerMeters.Histogram changes = meters.get(BrokerMeters.COMMIT_CHANGES, null);
        table.row(List.of("one group commit + fsync (each event stored waits for one)", "store commit",
                whole(commits.count()), ms(commits.meanMillis()), bound(commits.percentileBoundMillis(99))));
        if (changes.count() > 0) {
            table.row(List.of("changes per commit (events, completions)", "store commit changes", whole(changes.count()),
                    String.format(Locale.ROOT, "%.1f changes", changes.sum() / changes.count()), "—"));
        }
        return table;
    }

    private static void hop(MarkdownTable table, String what, String trigger, BrokerMeters meters) {
        BrokerMeters.Histogram h = meters.get(BrokerMeters.DELIVERY, trigger);
        if (h.count() > 0) {
            table.row(List.of(what, trigger, whole(h.count()), ms(h.meanMillis()), bound(h.percentileBoundMillis(99))));
        }
    }

    private static String bound(double millis) {
        return Double.isInfinite(millis) ? "> last bucket" : ms(millis);
    }

    private static MarkdownTable processes(Usage usage) {
        MarkdownTable table = new MarkdownTable(List.of("process", "peak RSS MB", "CPU %"));
        long total = 0;
        for (Usage.ProcessUse process : usage.processes()) {
            table.row(List.of(process.name(), mib(process.peakRssBytes()), percent(process.cpuPercent())));
            total += process.peakRssBytes();
        }
        table.row(List.of("all of the above (sum of peaks)", mib(total), "—"));
        table.row(List.of("benchmark (load generator, subscriber)", "—", percent(usage.benchCpuPercent())));
        return table;
    }

    private static List<String> cells(AlertRun run) {
        List<String> cells = new ArrayList<>(List.of(run.name(), whole(run.sent()), whole(run.accepted()), whole(run.refused()),
                whole(run.errors()), whole(run.fired()), whole(run.expected()), whole(run.duplicates()),
                whole(run.otherAlerts())));
        cells.addAll(List.of(ms(run.firedLatency().percentileMillis(50)), ms(run.firedLatency().percentileMillis(95)),
                ms(run.firedLatency().percentileMillis(99)), ms(run.firedLatency().maxMillis()),
                ms(run.validatedLatency().percentileMillis(50)), ms(run.validatedLatency().percentileMillis(99)),
                ms(run.ackLatency().percentileMillis(99))));
        return cells;
    }

    /** The line printed when a phase ends. */
    static String progressLine(AlertRun run) {
        return String.format(Locale.ROOT, "%s: %,d/%,d alerts fired, p50 %s ms, p95 %s ms, p99 %s ms, max %s ms",
                run.name(), run.fired(), run.expected(), ms(run.firedLatency().percentileMillis(50)),
                ms(run.firedLatency().percentileMillis(95)), ms(run.firedLatency().percentileMillis(99)),
                ms(run.firedLatency().maxMillis()));
    }
}
