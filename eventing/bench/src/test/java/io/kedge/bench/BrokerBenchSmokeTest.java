package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark end to end, tiny: the real broker jar (built before this module by the reactor),
 * one 1 s step at 200 events/s and a burst of 2,000. Asserts what was counted, never how fast.
 */
class BrokerBenchSmokeTest {

    @Test
    void measuresTheRealBrokerPrintsTheTableAndLeavesNoProcessBehind() throws Exception {
        Path root = BenchFlags.repositoryRoot(Path.of(""));
        Path out = Path.of("target/bench-smoke/broker.md").toAbsolutePath();
        Files.deleteIfExists(out);
        BrokerBenchOptions options = BrokerBenchOptions.parse(List.of("--rates", "200", "--step", "1s", "--warmup", "0",
                "--jit-warmup", "0", "--burst", "2000", "--settle", "0", "--out", out.toString(),
                // C1 only: a run this short is over before C2 would pay off, and the machine may be busy
                "--broker-jvm", "-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"), root, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        BrokerBenchReport report = new BrokerBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        StepResult step = report.steps().get(0);
        assertThat(report.steps()).hasSize(1);
        assertThat(step.sent()).isEqualTo(200);
        assertThat(step.accepted()).isEqualTo(200);
        assertThat(step.delivered()).isEqualTo(step.accepted());
        assertThat(step.duplicates()).isZero();
        assertThat(step.errors()).isZero();
        assertThat(step.peakRssBytes()).isPositive();

        BurstResult burst = report.burst();
        assertThat(burst.accepted()).isEqualTo(2_000);
        assertThat(burst.delivered()).isEqualTo(2_000);
        assertThat(burst.rssPeakBytes()).isGreaterThanOrEqualTo(burst.rssBeforeBytes()).isPositive();

        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactly("offered/s", "accepted/s", "delivered/s", "p50 ms",
                "p99 ms", "max ms", "ack p99 ms", "broker RSS MB", "broker CPU %", "bench CPU %", "503", "errors", "notes");
        assertThat(written).containsPattern("\\n\\|\\s+200 \\|\\s+\\d+ \\|\\s+\\d+ \\|");
        assertThat(written).contains("### Burst: 2,000 events").contains("### Targets");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("step 1/1", "burst done", "results written to " + out);
        assertThat(printed).contains(written);
        SmokeOutput.assertGone(printed, "broker pid (\\d+) ready");
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("run directory removed").noneMatch(n -> n.startsWith("run-"));
        }
    }
}
