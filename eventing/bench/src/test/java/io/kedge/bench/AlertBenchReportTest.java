package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.bench.load.LatencyHistogram;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the alert benchmark's markdown: the table, where the time goes, and the target's verdict. */
class AlertBenchReportTest {

    @Test
    void measuredPhaseWithAllAlertsInTimeMeetsTheTarget() {
        AlertBenchReport report = report(run(100, 100, 4), 100);

        String markdown = report.markdown();

        assertThat(SmokeOutput.headerOfFirstTable(markdown)).containsExactlyElementsOf(AlertBenchReport.COLUMNS);
        assertThat(markdown).contains("### Where the time goes", "kedge/validate-readings", "store commit",
                "### Processes", "| broker ", "all of the above");
        assertThat(markdown).containsPattern("p99 ≤ 10 ms at 100 readings/s \\| p99 4\\.\\d+ ms at 100 readings/s, 100 of 100 alerts \\| yes");
    }

    @Test
    void aMissingAlertMissesTheTargetWhateverTheLatency() {
        assertThat(report(run(99, 100, 4), 100).targets().render()).contains("99 of 100 alerts | no");
    }

    @Test
    void aSlowAlertMissesTheTarget() {
        assertThat(report(run(100, 100, 30), 100).targets().render()).contains("| no ");
    }

    private static AlertBenchReport report(AlertRun measured, int rate) {
        return new AlertBenchReport("./kedge bench alert", "a machine", List.of(measured), rate, 0);
    }

    private static AlertRun run(long fired, long expected, long millis) {
        LatencyHistogram latency = new LatencyHistogram();
        for (int i = 0; i < fired; i++) {
            latency.recordNanos(millis * 1_000_000);
        }
        BrokerMeters meters = BrokerMeters.parse("""
                kedge_broker_delivery_latency_seconds_bucket{broker="kedge/default",trigger="kedge/validate-readings",le="0.002"} 1000.0
                kedge_broker_delivery_latency_seconds_count{broker="kedge/default",trigger="kedge/validate-readings"} 1000.0
                kedge_broker_delivery_latency_seconds_sum{broker="kedge/default",trigger="kedge/validate-readings"} 1.5
                kedge_broker_store_commit_seconds_bucket{le="0.001"} 900.0
                kedge_broker_store_commit_seconds_count 900.0
                kedge_broker_store_commit_seconds_sum 0.45
                """);
        Usage usage = new Usage(List.of(new Usage.ProcessUse("broker", 120L << 20, 30), new Usage.ProcessUse("alert", 150L << 20, 20)), 10);
        return new AlertRun("measured", 10, 1000, 1000, 0, 0, expected, fired, 0, 0, 1000, latency, new LatencyHistogram(),
                new LatencyHistogram(), usage, meters);
    }
}
