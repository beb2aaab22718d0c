package io.kedge.bench;

import static io.kedge.bench.Figures.met;

import io.kedge.bench.ColdStartOptions.Mode;
import io.kedge.bench.load.MarkdownTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cold-start benchmark's results as markdown: per app and mode the median, fastest and slowest
 * start to the first event handled; a line for native mode, which has no builder here; and issue 8's
 * cold-start target met or missed per function.
 *
 * @param command  how the run was started
 * @param context  machine, JVM options and settings, one line
 * @param results  per app and mode, in the order run
 * @param archives where the AppCDS archives are
 */
record ColdStartReport(String command, String context, List<AppResult> results, Path archives) {

    static final List<String> COLUMNS = List.of("app", "mode", "runs", "median s", "min s", "max s",
            "Quarkus \"started in\" median s", "archive MiB", "load average", "notes");
    static final double TARGET_SECONDS = 0.5;

    /**
     * One timed start.
     *
     * @param seconds       fork → first 2xx
     * @param archiveMapped the JVM mapped the AppCDS archive (AppCDS mode only)
     * @param loadAverage   the one-minute load average right after it
     * @param log           the app's log of that start
     * @param pid           the app's process
     */
    record Start(double seconds, boolean archiveMapped, String loadAverage, Path log, long pid) {
    }

    /**
     * @param trainingSeconds the training run that wrote the archive (AppCDS), NaN otherwise
     * @param archiveBytes    the archive's size (AppCDS), -1 otherwise
     */
    record AppResult(String app, boolean function, Mode mode, List<Start> starts, double trainingSeconds, long archiveBytes) {

        double median() {
            return ColdStartReport.median(starts.stream().mapToDouble(Start::seconds).toArray());
        }

        double min() {
            return starts.stream().mapToDouble(Start::seconds).min().orElse(Double.NaN);
        }

        double max() {
            return starts.stream().mapToDouble(Start::seconds).max().orElse(Double.NaN);
        }

        double startedInMedian() {
            return ColdStartReport.median(starts.stream().mapToDouble(s -> ColdStartBench.startedIn(s.log()))
                    .filter(d -> !Double.isNaN(d)).toArray());
        }

        long unmapped() {
            return mode == Mode.APPCDS ? starts.stream().filter(s -> !s.archiveMapped()).count() : 0;
        }

        String loadAverages() {
            return starts.stream().map(Start::loadAverage).reduce((a, b) -> a + " " + b).orElse("");
        }
    }

    String markdown() {
        StringBuilder out = new StringBuilder("## cold-start benchmark\n\n");
        out.append("`").append(command).append("`  \n").append(context).append("\n\n");
        out.append("Time from the fork of the app's JVM to its first 2xx answer to an event (a reading for validate and"
                + " the broker, a validated reading for store, alert and aggregate), posted again every few ms until"
                + " answered. JVM: started as ./kedge up starts it. JVM + AppCDS: the same, plus"
                + " `-XX:SharedArchiveFile=<app>.jsa`, a dynamic archive written by a training run of the same jar with"
                + " the same options plus `-XX:ArchiveClassesAtExit` (one event handled, then SIGTERM); each timed run"
                + " checks that the JVM mapped the archive. Load average: the one-minute figure after each run.\n\n");
        MarkdownTable table = new MarkdownTable(COLUMNS);
        results.forEach(r -> table.row(List.of(r.app(), r.mode().label, Integer.toString(r.starts().size()),
                s(r.median()), s(r.min()), s(r.max()), s(r.startedInMedian()),
                r.archiveBytes() < 0 ? "—" : String.format(Locale.ROOT, "%.0f", r.archiveBytes() / 1048576.0),
                r.loadAverages(), notes(r))));
        results.stream().map(AppResult::app).distinct().forEach(app -> table.row(List.of(app, "native", "0", "—", "—", "—",
                "—", "—", "—", "not measured: no GraalVM/Mandrel builder on this machine (-Dnative builds on an arm64 host)")));
        out.append(table.render()).append('\n');
        out.append("Archives: `").append(archives).append("/<app>.jsa`, valid for these jars and this JVM only (a rebuild"
                + " or another JDK makes the JVM ignore them, silently with the default -Xshare:auto).\n\n");
        out.append("### Target (issue 8: this machine, JVM mode with AppCDS)\n\n").append(targets().render());
        return out.toString();
    }

    MarkdownTable targets() {
        MarkdownTable table = new MarkdownTable(List.of("target", "measured", "met"));
        for (AppResult r : results) {
            if (r.mode() != Mode.APPCDS) {
                continue;
            }
            String target = r.function() ? "function cold start ≤ 0.5 s with AppCDS: " + r.app()
                    : r.app() + " cold start with AppCDS (no target; for reference)";
            String measured = String.format(Locale.ROOT, "median %s s (min %s, max %s)", s(r.median()), s(r.min()), s(r.max()));
            table.row(List.of(target, measured, r.function() ? met(r.median() <= TARGET_SECONDS && r.unmapped() == 0) : "—"));
        }
        return table;
    }

    private static String notes(AppResult r) {
        List<String> notes = new ArrayList<>();
        if (r.mode() == Mode.APPCDS) {
            notes.add(String.format(Locale.ROOT, "training run %s s", s(r.trainingSeconds())));
            if (r.unmapped() > 0) {
                notes.add(r.unmapped() + " runs did NOT map the archive");
            }
        }
        return String.join("; ", notes);
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN for none. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String s(double seconds) {
        return Double.isNaN(seconds) ? "—" : String.format(Locale.ROOT, "%.2f", seconds);
    }
}
