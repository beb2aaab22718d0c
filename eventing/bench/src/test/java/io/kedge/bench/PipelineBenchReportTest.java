package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.bench.PipelineLoad.Ingress;
import io.kedge.bench.load.LatencyHistogram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the end-to-end benchmark's markdown, its verdicts on issue 8's targets, and its plot. */
class PipelineBenchReportTest {

    @Test
    void aStepThatLostReadingsSaysSoInTheTableAndInTheSummary() {
        PipelineStep lossy = step(1_000, 10_000, 9_990, 15, 5, 200L << 20, Saturation.ofStored(1_000, 999, 0, 0, 0,
                10_000, 9_990, 10, 10, 15, Duration.ofMillis(500)));

        String markdown = report(List.of(lossy)).markdown();

        assertThat(SmokeOutput.headerOfFirstTable(markdown)).containsExactlyElementsOf(PipelineBenchReport.COLUMNS);
        assertThat(markdown).containsPattern("\\| step 1 \\|\\s+1,000 \\|\\s+999 \\|\\s+10,000 \\|\\s+9,990 \\|\\s+-10 \\|");
        assertThat(markdown).contains("10 sent but not stored", "**10 readings sent were not stored**");
        assertThat(markdown).contains("### Memory per process", "### CPU per process", "| idle ");
    }

    @Test
    void theTargetsAreJudgedAtTheirRates() {
        List<PipelineStep> steps = List.of(
                step(1_000, 10_000, 10_000, 12, 6, 390L << 20, null),
                step(10_000, 100_000, 100_000, 80, 40, 600L << 20, null));

        String targets = report(steps).targets().render();

        assertThat(targets).contains("kept up to 10,000/s offered", "| yes |");
        assertThat(targets).containsPattern("p99 sample → stored ≤ 20 ms at 1,000 readings/s\\s+\\| p99 12\\.\\d+ ms \\(\\d+ probes\\)\\s+\\| yes");
        assertThat(targets).containsPattern("reading → alert p99 ≤ 10 ms \\(at 1,000 readings/s\\)\\s+\\| p99 6\\.\\d+ ms, 10 of 10 alerts\\s+\\| yes");
        assertThat(targets).containsPattern("≤ 400 MB RSS at 1,000 readings/s\\s+\\| 390 MiB.*\\| yes");
    }

    @Test
    void aSlowOrHeavyStepMissesItsTargets() {
        String targets = report(List.of(step(1_000, 10_000, 10_000, 35, 25, 700L << 20, null))).targets().render();

        assertThat(targets).contains("kept up to 1,000/s offered").doesNotContain("| yes |");
    }

    @Test
    void theEdgeAppsReportNamesItHasItsProcessColumnsAndJudgesItsOwnMemory() {
        // GIVEN an edge process of 150 MiB at 1,000/s, 250 MiB with influxd and mosquitto
        PipelineStep lean = edgeStep(150L << 20, 100L << 20);

        String markdown = edgeReport(List.of(lean)).markdown();

        // THEN the report says what ran, has one column per process of it, and holds the edge alone to 160 MB
        assertThat(markdown).startsWith("## end-to-end benchmark (pipeline, single-process edge app)\n");
        assertThat(markdown).containsPattern("\\| step\\s+\\| edge\\s+\\| influxd\\s+\\| mosquitto\\s+\\| total\\s+\\|\n")
                .containsPattern("\\| step\\s+\\| edge\\s+\\| influxd\\s+\\| mosquitto\\s+\\| benchmark\\s+\\|\n")
                .contains("### Targets (issue 8: this machine, JVM mode, single-process edge mode)");
        assertThat(markdown).containsPattern("single-process edge mode ≤ 160 MB RSS at 1,000 readings/s\\s+\\|"
                + " edge 150 MiB \\(peak; idle 120 MiB\\); with influxd and mosquitto 250 MiB\\s+\\| yes");
        assertThat(markdown).doesNotContain("| broker ", "whole local stack");
    }

    @Test
    void anEdgeProcessAbove160MbMissesItsTargetWhateverTheOthersTake() {
        String targets = edgeReport(List.of(edgeStep(170L << 20, 10L << 20))).targets().render();

        assertThat(targets).containsPattern("single-process edge mode ≤ 160 MB RSS at 1,000 readings/s\\s+\\| edge 170 MiB.*\\| no");
    }

    @Test
    void theEdgePlotIsAPng() throws Exception {
        Path png = Path.of("target/bench-smoke/pipeline-edge-plot.png").toAbsolutePath();
        Files.deleteIfExists(png);

        PipelinePlot.write(edgeReport(List.of(edgeStep(140L << 20, 60L << 20), edgeStep(155L << 20, 90L << 20))), png);

        assertThat(new String(Files.readAllBytes(png), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void thePlotIsAPng() throws Exception {
        // beside the smoke tests' output, to look at
        Path png = Path.of("target/bench-smoke/pipeline-plot.png").toAbsolutePath();
        Files.deleteIfExists(png);

        PipelinePlot.write(report(List.of(step(100, 1_000, 1_000, 8, 4, 700L << 20, null),
                step(1_000, 10_000, 10_000, 15, 9, 760L << 20, null),
                step(5_000, 50_000, 48_000, 900, 700, 820L << 20, "stored 90 % of offered"))), png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void aBurstAfterWhichTheStackCameBackWithin10PercentIsFlat() {
        // GIVEN 50,000 readings all stored; the stack's total 800 MiB before, 1,000 at peak, 840 after (+5 %)
        PipelineBurst burst = burst(PipelineMode.APPS, 50_000, 50_000, 100L << 20, 125L << 20, 105L << 20);

        String markdown = report(List.of(step(1_000, 10_000, 10_000, 12, 6, 390L << 20, null)), burst).markdown();

        // THEN a Burst section after the steps: its row, how long until all stored, memory per process and in total
        assertThat(markdown.indexOf("### Burst: 50,000 readings at 10,000/s"))
                .isGreaterThan(markdown.indexOf("### CPU per process")).isLessThan(markdown.indexOf("### Targets"));
        assertThat(markdown).containsPattern("\\| burst \\|\\s+10,000 \\|.*\\|\\s+50,000 \\|\\s+50,000 \\|\\s+0 \\|")
                .contains("50,000 offered: 50,000 sent, 0 × 503, 0 errors; 50,000 stored (stored − sent 0);"
                        + " all stored 12.5 s after the first reading's sample time")
                .containsPattern("\\| broker\\s+\\|\\s+100 \\|\\s+125 \\|\\s+105 \\| \\+25 %\\s+\\| \\+5 %\\s+\\|")
                .containsPattern("\\| total\\s+\\|\\s+800 \\|\\s+1000 \\|\\s+840 \\| \\+25 %\\s+\\| \\+5 %\\s+\\|")
                .contains("the whole stack's total after the settle at most 10 % above before", "Memory flat: yes.");
        assertThat(markdown).containsPattern("memory flat under a burst of 50,000 readings\\s+\\| whole stack 800 → peak 1000"
                + " → 840 MiB \\(\\+5 % after 5 s\\); 50,000 of 50,000 sent stored, 0 × 503\\s+\\| yes");
    }

    @Test
    void aBurstAfterWhichMemoryStayedUpOrReadingsWereLostIsNotFlat() {
        PipelineBurst grown = burst(PipelineMode.APPS, 50_000, 50_000, 100L << 20, 130L << 20, 115L << 20);
        PipelineBurst lossy = burst(PipelineMode.APPS, 50_000, 49_990, 100L << 20, 110L << 20, 100L << 20);

        String grownTargets = report(List.of(), grown).targets().render();
        PipelineBenchReport lossyReport = report(List.of(), lossy);

        assertThat(grownTargets).containsPattern("memory flat under a burst of 50,000 readings\\s+\\| whole stack 800 → peak 1040"
                + " → 920 MiB \\(\\+15 % after 5 s\\).*\\| no");
        assertThat(lossyReport.targets().render()).containsPattern("\\(\\+0 % after 5 s\\); 49,990 of 50,000 sent stored.*\\| no");
        assertThat(lossyReport.lost()).as("what makes the bench exit 3").isEqualTo(10);
        assertThat(lossyReport.markdown()).contains("**10 readings sent were not stored** (see stored − sent, steps and burst)",
                "**not all stored** when the drain gave up", "Memory flat: no.");
    }

    @Test
    void theEdgesBurstIsJudgedOnTheEdgeProcessAlone() {
        // GIVEN the edge +5 % after the burst, influxd and mosquitto +50 %
        List<PipelineBurst.ProcessMemory> memory = List.of(new PipelineBurst.ProcessMemory("edge", 100L << 20, 140L << 20, 105L << 20),
                new PipelineBurst.ProcessMemory("influxd", 40L << 20, 90L << 20, 60L << 20),
                new PipelineBurst.ProcessMemory("mosquitto", 10L << 20, 20L << 20, 15L << 20));
        PipelineBurst burst = new PipelineBurst(50_000, burstFigures(50_000, 50_000), 12.5, Duration.ofSeconds(5), memory);

        String markdown = edgeReport(List.of(edgeStep(150L << 20, 100L << 20)), burst).markdown();

        assertThat(markdown).contains("the edge process's RSS after the settle", "Memory flat: yes.")
                .containsPattern("\\| influxd\\s+\\|\\s+40 \\|\\s+90 \\|\\s+60 \\| \\+125 %\\s+\\| \\+50 %\\s+\\|")
                .containsPattern("memory flat under a burst of 50,000 readings\\s+\\| edge 100 → peak 140 → 105 MiB"
                        + " \\(\\+5 % after 5 s\\).*\\| yes");
    }

    @Test
    void aSkippedOrSmallerBurstIsNotJudged() {
        assertThat(report(List.of(), null).targets().render())
                .containsPattern("memory flat under a burst of 50,000 readings\\s+\\| not measured \\(--burst 0\\)\\s+\\| —");
        assertThat(report(List.of(), null).markdown()).doesNotContain("### Burst");
        PipelineBurst small = burst(PipelineMode.APPS, 300, 300, 100L << 20, 101L << 20, 100L << 20);
        assertThat(report(List.of(), small).targets().render())
                .containsPattern("memory flat under a burst of 50,000 readings\\s+\\| a burst of 300 only: .*\\| —");
    }

    /** Every process of {@code mode} at {@code before}, {@code peak} and {@code after}. */
    private static PipelineBurst burst(PipelineMode mode, long readings, long stored, long before, long peak, long after) {
        List<PipelineBurst.ProcessMemory> memory = mode.processes.stream()
                .map(name -> new PipelineBurst.ProcessMemory(name, before, peak, after)).toList();
        return new PipelineBurst(readings, burstFigures(readings, stored), stored == readings ? 12.5 : Double.NaN,
                Duration.ofSeconds(5), memory);
    }

    private static PipelineStep burstFigures(long readings, long stored) {
        PipelineStep step = step(10_000, readings, stored, 300, 200, 900L << 20, null);
        return new PipelineStep("burst", step.offered(), readings / 10_000.0, step.sent(), step.httpAccepted(),
                step.httpRefused(), step.httpErrors(), step.mqttAcked(), step.mqttErrors(), step.unsent(), step.stored(),
                step.storedPerSecond(), 7.5, step.drained(), step.probes(), step.alertsExpected(), step.alertsFired(),
                step.alertDuplicates(), step.alertLatency(), step.usage(), step.cpuSeconds(), step.saturation());
    }

    private static PipelineBenchReport report(List<PipelineStep> steps) {
        return report(steps, null);
    }

    private static PipelineBenchReport report(List<PipelineStep> steps, PipelineBurst burst) {
        return new PipelineBenchReport(PipelineMode.APPS, "./kedge bench pipeline", "a machine", usage(500L << 20), null,
                steps, burst, 4.5, "1.00");
    }

    private static PipelineBenchReport edgeReport(List<PipelineStep> steps) {
        return edgeReport(steps, null);
    }

    private static PipelineBenchReport edgeReport(List<PipelineStep> steps, PipelineBurst burst) {
        return new PipelineBenchReport(PipelineMode.EDGE, "./kedge bench pipeline --edge", "a machine",
                edgeUsage(120L << 20, 80L << 20), null, steps, burst, 4.5, "1.00");
    }

    private static PipelineStep edgeStep(long edgeRss, long othersRss) {
        PipelineStep step = step(1_000, 10_000, 10_000, 12, 6, 0, null);
        return new PipelineStep(step.name(), step.offered(), step.seconds(), step.sent(), step.httpAccepted(),
                step.httpRefused(), step.httpErrors(), step.mqttAcked(), step.mqttErrors(), step.unsent(), step.stored(),
                step.storedPerSecond(), step.drainSeconds(), step.drained(), step.probes(), step.alertsExpected(),
                step.alertsFired(), step.alertDuplicates(), step.alertLatency(), edgeUsage(edgeRss, othersRss),
                step.cpuSeconds(), step.saturation());
    }

    /** The edge at {@code edgeRss}; influxd and mosquitto sharing {@code othersRss}. */
    private static Usage edgeUsage(long edgeRss, long othersRss) {
        return new Usage(List.of(new Usage.ProcessUse("edge", edgeRss, 60), new Usage.ProcessUse("influxd", othersRss / 2, 20),
                new Usage.ProcessUse("mosquitto", othersRss / 2, 5)), 30);
    }

    private static PipelineStep step(int rate, long sent, long stored, long p99Millis, long alertMillis, long rssBytes,
                                     String saturation) {
        ProbeWatcher.Phase probes = new ProbeWatcher.Phase();
        for (int i = 0; i < 100; i++) {
            probes.expected();
            probes.seen(i % 2 == 0 ? Ingress.HTTP : Ingress.MQTT, (i < 98 ? p99Millis / 2 : p99Millis) * 1_000_000);
        }
        LatencyHistogram alerts = new LatencyHistogram();
        for (int i = 0; i < 10; i++) {
            alerts.recordNanos(alertMillis * 1_000_000);
        }
        return new PipelineStep("step 1", rate, 10, sent, sent / 2, 0, 0, sent - sent / 2, 0, 0, stored,
                saturation == null ? rate : rate * 0.999, 0.5, stored == sent, probes, 10, 10, 0, alerts, usage(rssBytes),
                rssBytes / 1e9, saturation);
    }

    private static Usage usage(long totalRss) {
        List<Usage.ProcessUse> processes = new ArrayList<>();
        for (String name : PipelineMode.APPS.processes) {
            processes.add(new Usage.ProcessUse(name, totalRss / PipelineMode.APPS.processes.size(), 10));
        }
        return new Usage(processes, 20);
    }
}
