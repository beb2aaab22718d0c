package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerBenchReportTest {

    private static final long MIB = 1024 * 1024;

    private static StepResult step(int offered, double delivered, double p99, long rssMib, String saturation) {
        return new StepResult(offered, offered * 10L, offered * 10L, offered * 10L, 0, saturation == null ? 0 : 12, 0, 0,
                delivered, delivered, p99 / 4, p99, p99 * 2, p99 / 2, rssMib * MIB, 40, 30,
                saturation == null ? null : Duration.ofSeconds(1), null, saturation);
    }

    private static final List<StepResult> STEPS = List.of(
            step(1_000, 1_000, 3.25, 120, null),
            step(10_000, 9_990, 8.5, 150, null),
            step(15_000, 12_000, 900, 160, "delivered 80 % of offered; 12 × 503"));

    private static final BurstResult BURST = new BurstResult(100_000, 100_000, 100_000, 0, 40, 0, 0, 9.5, 10.2, 300,
            150 * MIB, 160 * MIB, 158 * MIB, Duration.ofSeconds(1), null);

    @Test
    void stepsTableSummaryBurstAndTargets() {
        String markdown = new BrokerBenchReport("./kedge bench broker", "context line", STEPS, BURST, false).markdown();

        assertThat(markdown).contains("| offered/s | accepted/s | delivered/s | p50 ms | p99 ms | max ms | ack p99 ms"
                + " | broker RSS MB | broker CPU % | bench CPU % | 503 | errors | notes");
        assertThat(markdown).contains("|     1,000 |      1,000 |       1,000 |   0.81 |   3.25 |   6.50 |");
        assertThat(markdown).contains("saturated: delivered 80 % of offered; 12 × 503; Retry-After 1.0 s");
        assertThat(markdown).contains("Kept up to 10,000 events/s offered (9,990 delivered/s, p99 8.50 ms)."
                + " Saturated at 15,000 events/s offered: delivered 80 % of offered; 12 × 503.");
        assertThat(markdown).contains("| 100,000 |     10,526 |       9,804 |");
        assertThat(markdown).containsPattern("\\| ≥ 10,000 events/s ingress → subscriber +\\| 9,990 events/s delivered at 10,000/s offered +\\| no +\\|");
        assertThat(markdown).contains("| p99 ≤ 10 ms at 1,000 events/s ").contains("| 3.25 ms ");
        assertThat(markdown).contains("| 120 MB peak ");
        assertThat(markdown).contains("150 → peak 160 → 158 MB (+7 %)");
    }

    @Test
    void targetsAreJudged() {
        List<List<String>> rows = targetRows(new BrokerBenchReport("c", "x", STEPS, BURST, false).targets().render());

        assertThat(rows).extracting(row -> row.get(2)).containsExactly("no", "yes", "yes", "yes");
    }

    @Test
    void aMissingStepOrBurstIsSaidNotGuessed() {
        String markdown = new BrokerBenchReport("c", "x", List.of(step(2_000, 2_000, 1, 100, null)), null, false).markdown();

        assertThat(markdown).contains("not measured (no 1,000/s step)").contains("not measured (--burst 0)");
        assertThat(markdown).doesNotContain("### Burst");
    }

    @Test
    void calibrationHasNoBrokerFiguresAndNoTargets() {
        StepResult noBroker = new StepResult(1_000, 10_000, 10_000, 10_000, 0, 0, 0, 0, 1_000, 1_000, 0.2, 0.4, 1, 0.4,
                -1, Double.NaN, 20, null, null, null);

        String markdown = new BrokerBenchReport("c", "x", List.of(noBroker), null, true).markdown();

        assertThat(markdown).contains("calibration (no broker)").doesNotContain("### Targets");
        assertThat(markdown).containsPattern("\\|\\s+— \\|\\s+— \\|\\s+20 \\|");
    }

    @Test
    void progressLineSaysWhetherTheStepKeptUp() {
        assertThat(BrokerBenchReport.progressLine(1, 3, STEPS.get(0))).startsWith("step 1/3   1,000/s:").endsWith("kept up");
        assertThat(BrokerBenchReport.progressLine(3, 3, STEPS.get(2))).contains("saturated: delivered 80 % of offered");
    }

    private static List<List<String>> targetRows(String table) {
        return table.lines().skip(2)
                .map(line -> List.of(line.substring(1, line.length() - 1).split("\\|")).stream().map(String::trim).toList())
                .toList();
    }
}
