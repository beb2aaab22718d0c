package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert benchmark end to end, tiny: a fresh InfluxDB and the real broker, validate, store and
 * alert jars (built before this module by the reactor), 100 readings at 50/s, one in five firing.
 * Asserts what was counted — every expected alert fired, no other — never how fast.
 */
class AlertBenchSmokeTest {

    @Test
    void everyFiringReadingFiresOneAlertThroughTheRealProcessesAndNothingIsLeftBehind() throws Exception {
        Path out = Path.of("target/bench-smoke/alert.md").toAbsolutePath();
        Files.deleteIfExists(out);
        AlertBenchOptions options = AlertBenchOptions.parse(List.of("--rate", "50", "--duration", "2s", "--warmup", "0",
                        "--fire-every", "5", "--drain-timeout", "60s", "--out", out.toString(),
                        // C1 only: a run this short is over before C2 would pay off, and the machine may be busy
                        "--functions-jvm", "-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"),
                BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        AlertBenchReport report = new AlertBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        AlertRun run = report.measured();
        assertThat(run.sent()).isEqualTo(100);
        assertThat(run.accepted()).isEqualTo(100);
        assertThat(run.expected()).isEqualTo(20);
        assertThat(run.fired()).as("distinct alerts fired").isEqualTo(run.expected());
        assertThat(run.otherAlerts()).isZero();
        assertThat(run.validated()).as("validated readings seen").isEqualTo(100);
        assertThat(run.errors()).isZero();
        assertThat(run.usage().of("alert").peakRssBytes()).isPositive();
        assertThat(run.meters().get(BrokerMeters.DELIVERY, "kedge/alert-validated").count()).isEqualTo(100);

        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactlyElementsOf(AlertBenchReport.COLUMNS);
        assertThat(written).containsPattern("\\| measured \\|\\s+100 \\|\\s+100 \\|\\s+0 \\|\\s+0 \\|\\s+20 \\|\\s+20 \\|");
        assertThat(written).contains("### Where the time goes", "### Target");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("results written to " + out).contains(written);
        for (String process : List.of("broker", "validate", "store", "alert", "influxd")) {
            SmokeOutput.assertGone(printed, process + " pid (\\d+) ready");
        }
    }
}
