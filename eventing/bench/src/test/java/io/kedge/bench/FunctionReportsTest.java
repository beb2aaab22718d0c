package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.EventTypes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionReportsTest {

    private static final long MIB = 1024 * 1024;

    private static Usage usage(String... processes) {
        return new Usage(Arrays.stream(processes).map(p -> new Usage.ProcessUse(p, 150 * MIB, 95)).toList(), 60);
    }

    private static LoadResult step(int offered, double perSecond, double p99, String saturation, Usage usage) {
        long accepted = offered * 10L;
        return new LoadResult(offered, 0, accepted, accepted, accepted + offered * 2L, saturation == null ? 0 : 7, 0, 0,
                perSecond, p99 / 4, p99, p99 * 2, usage,
                Map.of(EventTypes.READING_VALIDATED, accepted * 19 / 20, EventTypes.READING_REJECTED, accepted / 20),
                saturation == null ? null : "HTTP 500", saturation);
    }

    private static LoadResult closed(int lanes, double perSecond, long accepted) {
        return new LoadResult(0, lanes, accepted, accepted, accepted, 0, 0, 0, perSecond, 2, 9.5, 30, usage("store", "influxd"),
                Map.of(), null, null);
    }

    @Test
    void validateTableSummaryAndTargets() {
        List<LoadResult> steps = List.of(
                step(1_000, 1_000, 1.25, null, usage("validate")),
                step(20_000, 19_990, 40, null, usage("validate")),
                step(25_000, 21_000, 900, "accepted 84 % of offered; 7 non-2xx", usage("validate")));

        String markdown = new ValidateBenchReport("./kedge bench validate", "context line", steps).markdown();

        assertThat(markdown).contains("| offered/s | accepted/s | p50 ms | p99 ms | max ms | validate RSS MB | validate CPU %"
                + " | bench CPU % | validated | rejected | non-2xx | errors | notes ");
        assertThat(markdown).contains("|     1,000 |      1,000 |   0.31 |   1.25 |   2.50 |             150 |             95 |"
                + "          60 |     9,500 |      500 |       0 |      0 |");
        assertThat(markdown).contains("saturated: accepted 84 % of offered; 7 non-2xx; first error: HTTP 500");
        assertThat(markdown).contains("Kept up to 20,000 readings/s offered (19,990 accepted/s, p99 40.0 ms)."
                + " Saturated at 25,000 readings/s offered (21,000 accepted/s)");
        assertThat(markdown).containsPattern("\\| ≥ 20,000 readings/s +\\| kept up with 20,000/s offered \\(19,990 accepted/s\\) +\\| yes +\\|");
        assertThat(markdown).containsPattern("\\| p99 < 2 ms at 1,000 readings/s +\\| 1.25 ms +\\| yes +\\|");
        assertThat(ValidateBenchReport.progressLine(3, 3, steps.get(2))).startsWith("step 3/3  25,000/s: accepted 21,000/s")
                .contains("12,500 rejected").endsWith("saturated: accepted 84 % of offered; 7 non-2xx");
    }

    @Test
    void theRateIsMissedWhenNoStepOfferingItKeptUp() {
        List<LoadResult> steps = List.of(step(15_000, 15_000, 5, null, usage("validate")),
                step(20_000, 17_000, 300, "accepted 85 % of offered", usage("validate")));

        String markdown = new ValidateBenchReport("c", "x", steps).markdown();

        assertThat(markdown).containsPattern("\\| ≥ 20,000 readings/s +\\| kept up with 15,000/s offered \\(15,000 accepted/s\\) +\\| no +\\|");
    }

    @Test
    void aValidateRunWithoutAThousandStepSaysSo() {
        String markdown = new ValidateBenchReport("c", "x", List.of(step(2_000, 2_000, 1, null, usage("validate")))).markdown();

        assertThat(markdown).contains("not measured (no 1,000/s step)");
    }

    @Test
    void storeSetsAcknowledgedAgainstStoredAndJudgesTheTargets() {
        List<StoreRun> runs = List.of(
                new StoreRun(closed(64, 31_000, 620_000), 620_000),
                new StoreRun(step(1_000, 1_000, 3, null, usage("store", "influxd")), 12_000));

        StoreBenchReport report = new StoreBenchReport("./kedge bench store", "context line", runs, 700_000, 700_000);
        String markdown = report.markdown();

        assertThat(markdown).contains("| load          | acknowledged/s | p50 ms | p99 ms | max ms | store RSS MB | store CPU %"
                + " | influxd RSS MB | influxd CPU % | bench CPU % | acknowledged |  stored | non-2xx | errors | notes |");
        assertThat(markdown).contains("| 64 concurrent |         31,000 |").contains("| 1,000/s open  |          1,000 |");
        assertThat(markdown).contains("Acknowledged = stored: 700,000 readings acknowledged, 700,000 points in InfluxDB");
        assertThat(markdown).containsPattern("\\| ≥ 30,000 readings/s with 64 concurrent requests +\\| 31,000 readings/s with 64 concurrent +\\| yes +\\|");
        assertThat(markdown).containsPattern("\\| never acknowledge what is not stored +\\| 700,000 acknowledged, 700,000 stored +\\| yes +\\|");
    }

    /** Verifies that a reading acknowledged but missing from InfluxDB cannot go unnoticed in the table. */
    @Test
    void aLostReadingIsShoutedInTheRowAndFailsTheTarget() {
        StoreRun lossy = new StoreRun(closed(64, 31_000, 620_000), 619_990);

        String markdown = new StoreBenchReport("c", "x", List.of(lossy), 620_000, 619_990).markdown();

        assertThat(lossy.nothingLost()).isFalse();
        assertThat(markdown).contains("10 ACKNOWLEDGED BUT NOT STORED").contains("**10 acknowledged readings are not stored**");
        assertThat(markdown).containsPattern("\\| never acknowledge what is not stored +\\| 620,000 acknowledged, 619,990 stored +\\| no +\\|");
    }

    @Test
    void pointsStoredWithoutATwoHundredAreNoLoss() {
        StoreRun run = new StoreRun(closed(64, 31_000, 620_000), 620_003);

        assertThat(run.nothingLost()).isTrue();
        assertThat(new StoreBenchReport("c", "x", List.of(run), 620_000, 620_003).markdown())
                .contains("3 stored without a 2xx").contains("none acknowledged is missing");
    }

    @Test
    void aClosedLoopOfAnotherConcurrencyIsNotJudgedAgainstTheTarget() {
        String markdown = new StoreBenchReport("c", "x", List.of(new StoreRun(closed(8, 40_000, 400), 400)), 400, 400).markdown();

        assertThat(markdown).contains("40,000 readings/s with 8 concurrent").contains("— (not 64 concurrent)");
    }
}
