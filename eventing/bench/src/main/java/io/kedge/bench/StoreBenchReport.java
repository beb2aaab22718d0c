package io.kedge.bench;

import static io.kedge.bench.Figures.met;
import static io.kedge.bench.Figures.mib;
import static io.kedge.bench.Figures.ms;
import static io.kedge.bench.Figures.percent;
import static io.kedge.bench.Figures.whole;

import io.kedge.bench.load.MarkdownTable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store benchmark's results as markdown: the closed-loop run and the open-loop steps, with
 * acknowledged against stored for each, and the store's targets (issue 4) met or missed.
 *
 * @param command        how the run was started
 * @param context        machine, JVMs and settings, one line
 * @param runs           the closed-loop run (if any) first, then the steps in order
 * @param acknowledged   2xx answers of the whole benchmark, the JIT warm-up included
 * @param stored         points in InfluxDB at the end
 */
record StoreBenchReport(String command, String context, List<StoreRun> runs, long acknowledged, long stored) {

    static final List<String> PROCESSES = List.of("store", "influxd");
    static final List<String> COLUMNS = LoadColumns.row(List.of("load", "acknowledged/s"), LoadColumns.LATENCY,
            LoadColumns.usageHeaders(PROCESSES), List.of("acknowledged", "stored"), LoadColumns.FAILURES);

    static final double TARGET_RATE = 30_000;

    String markdown() {
        StringBuilder out = new StringBuilder("## store benchmark\n\n");
        out.append("`").append(command).append("`  \n").append(context).append("\n\n");
        out.append("Binary-mode `io.kedge.reading.validated.v1` events posted straight to the store function, each"
                + " reading a distinct point (64 devices, unique sample times), into a fresh InfluxDB 1.6.7 on this"
                + " machine. Closed loop: N requests in flight, each lane sending its next reading when the previous"
                + " one is answered; latency from the send. Open loop: each reading sent at its scheduled time;"
                + " latency from that time, so queueing counts. acknowledged/s: 204 answers per second of the measured"
                + " part. acknowledged: 2xx answers of the whole run (a step's lead-in included); stored: the points"
                + " InfluxDB gained in that run (`SELECT count(temperature)`), counted after every answer was in."
                + " MB = MiB; CPU % of one core.\n\n");
        MarkdownTable table = new MarkdownTable(COLUMNS);
        runs.forEach(run -> table.row(cells(run)));
        out.append(table.render()).append('\n');
        out.append(summary()).append("\n\n");
        out.append(check()).append("\n\n");
        out.append("### Targets (issue 4: this machine, JVM mode, real InfluxDB 1.6.7)\n\n");
        out.append(targets().render());
        return out.toString();
    }

    String summary() {
        Optional<LoadResult> best = steps().filter(s -> !s.saturated())
                .max((a, b) -> Double.compare(a.acceptedPerSecond(), b.acceptedPerSecond()));
        Optional<LoadResult> saturated = steps().filter(LoadResult::saturated).findFirst();
        String closed = closedLoop().map(r -> String.format(Locale.ROOT, "%d concurrent requests: %,.0f readings/s acknowledged"
                + " (p99 %s ms). ", r.result().concurrency(), r.result().acceptedPerSecond(), ms(r.result().p99Millis()))).orElse("");
        String kept = best.map(s -> String.format(Locale.ROOT, "Open loop: kept up to %,d readings/s offered (%,.0f acknowledged/s,"
                + " p99 %s ms).", s.offered(), s.acceptedPerSecond(), ms(s.p99Millis()))).orElse(
                        steps().findAny().isPresent() ? "Open loop: kept up with no step." : "");
        String sat = saturated.map(s -> String.format(Locale.ROOT, " Saturated at %,d readings/s offered (%,.0f acknowledged/s): %s.",
                s.offered(), s.acceptedPerSecond(), s.saturation())).orElse(steps().findAny().isPresent()
                ? " Not saturated by the highest step." : "");
        return (closed + kept + sat).trim();
    }

    /** Acknowledged against stored, over the whole benchmark. */
    String check() {
        if (stored == acknowledged) {
            return String.format(Locale.ROOT, "Acknowledged = stored: %,d readings acknowledged, %,d points in InfluxDB"
                    + " (JIT warm-up included).", acknowledged, stored);
        }
        if (stored < acknowledged) {
            return String.format(Locale.ROOT, "**%,d acknowledged readings are not stored**: %,d acknowledged, %,d points in InfluxDB.",
                    acknowledged - stored, acknowledged, stored);
        }
        return String.format(Locale.ROOT, "%,d acknowledged, %,d points in InfluxDB: %,d points were stored whose request"
                + " got no 2xx (an error or timeout after the write); none acknowledged is missing.",
                acknowledged, stored, stored - acknowledged);
    }

    MarkdownTable targets() {
        MarkdownTable table = new MarkdownTable(List.of("target", "measured", "met"));
        Optional<StoreRun> closed = closedLoop();
        table.row(List.of("≥ 30,000 readings/s with 64 concurrent requests",
                closed.map(r -> String.format(Locale.ROOT, "%,.0f readings/s with %d concurrent", r.result().acceptedPerSecond(),
                        r.result().concurrency())).orElse("not measured (--duration 0)"),
                closed.map(r -> r.result().concurrency() == FunctionBenchOptions.TARGET_CONCURRENCY
                        ? met(r.result().acceptedPerSecond() >= TARGET_RATE) : "— (not 64 concurrent)").orElse("—")));
        table.row(List.of("never acknowledge what is not stored",
                String.format(Locale.ROOT, "%,d acknowledged, %,d stored", acknowledged, stored),
                met(stored >= acknowledged && runs.stream().allMatch(StoreRun::nothingLost))));
        return table;
    }

    /** The line printed as a run finishes. */
    static String progressLine(String label, StoreRun run) {
        LoadResult r = run.result();
        Usage.ProcessUse store = r.usage().of("store");
        Usage.ProcessUse influx = r.usage().of("influxd");
        return String.format(Locale.ROOT,
                "%s: acknowledged %,.0f/s, p50 %s ms, p99 %s ms, max %s ms, store RSS %s MB CPU %s %%, influxd RSS %s MB"
                        + " CPU %s %%, %,d acknowledged, %,d stored, %,d non-2xx, %,d errors%s",
                label, r.acceptedPerSecond(), ms(r.p50Millis()), ms(r.p99Millis()), ms(r.maxMillis()),
                mib(store.peakRssBytes()), percent(store.cpuPercent()), mib(influx.peakRssBytes()), percent(influx.cpuPercent()),
                run.acknowledged(), run.stored(), r.non2xx(), r.errors(),
                r.closedLoop() ? "" : r.saturated() ? " — saturated: " + r.saturation() : " — kept up");
    }

    static String load(LoadResult r) {
        return r.closedLoop()
                ? String.format(Locale.ROOT, "%d concurrent", r.concurrency())
                : String.format(Locale.ROOT, "%,d/s open", r.offered());
    }

    private Optional<StoreRun> closedLoop() {
        return runs.stream().filter(r -> r.result().closedLoop()).findFirst();
    }

    private Stream<LoadResult> steps() {
        return runs.stream().map(StoreRun::result).filter(r -> !r.closedLoop());
    }

    private static List<String> cells(StoreRun run) {
        LoadResult r = run.result();
        String check = run.stored() == run.acknowledged() ? null
                : run.stored() < run.acknowledged()
                ? String.format(Locale.ROOT, "%,d ACKNOWLEDGED BUT NOT STORED", run.acknowledged() - run.stored())
                : String.format(Locale.ROOT, "%,d stored without a 2xx", run.stored() - run.acknowledged());
        return LoadColumns.row(List.of(load(r), whole(r.acceptedPerSecond())), LoadColumns.latency(r),
                LoadColumns.usage(r.usage()), List.of(whole(run.acknowledged()), whole(run.stored())),
                LoadColumns.failures(r, check == null ? List.of() : List.of(check)));
    }
}
