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
 * The store benchmark end to end, tiny: a fresh InfluxDB 1.6.7 and the real store jar (built
 * before this module by the reactor), a 1 s closed loop of 8 requests in flight and one 1 s step
 * at 200 readings/s. Asserts what was counted, above all acknowledged = stored; never how fast.
 */
class StoreBenchSmokeTest {

    @Test
    void everyAcknowledgedReadingIsAPointInInfluxDbAndNoProcessIsLeftBehind() throws Exception {
        Path out = Path.of("target/bench-smoke/store.md").toAbsolutePath();
        Files.deleteIfExists(out);
        FunctionBenchOptions options = FunctionBenchOptions.parse(FunctionBenchOptions.Function.STORE,
                List.of("--concurrency", "8", "--duration", "1s", "--rates", "200", "--step", "1s", "--warmup", "0",
                        "--jit-warmup", "0", "--out", out.toString(),
                        // C1 only: a run this short is over before C2 would pay off, and the machine may be busy
                        "--jvm", "-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"),
                BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        StoreBenchReport report = new StoreBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertThat(report.runs()).hasSize(2);
        StoreRun closed = report.runs().get(0);
        StoreRun step = report.runs().get(1);
        assertThat(closed.result().concurrency()).isEqualTo(8);
        assertThat(closed.acknowledged()).isPositive().isEqualTo(closed.stored());
        assertThat(step.result().sent()).isEqualTo(200);
        assertThat(step.acknowledged()).isEqualTo(200).isEqualTo(step.stored());
        assertThat(report.acknowledged()).isEqualTo(closed.acknowledged() + step.acknowledged()).isEqualTo(report.stored());
        for (StoreRun run : report.runs()) {
            assertThat(run.result().non2xx()).isZero();
            assertThat(run.result().errors()).isZero();
            assertThat(run.result().usage().of("store").peakRssBytes()).isPositive();
            assertThat(run.result().usage().of("influxd").peakRssBytes()).isPositive();
        }

        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactly("load", "acknowledged/s", "p50 ms", "p99 ms",
                "max ms", "store RSS MB", "store CPU %", "influxd RSS MB", "influxd CPU %", "bench CPU %", "acknowledged",
                "stored", "non-2xx", "errors", "notes");
        assertThat(written).contains("| 8 concurrent ").contains("| 200/s open ").contains("Acknowledged = stored");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("closed loop 8 concurrent", "step 1/1", "results written to " + out).contains(written);
        SmokeOutput.assertGone(printed, "store pid (\\d+) ready");
        SmokeOutput.assertGone(printed, "InfluxDB \\S+ pid (\\d+) ready");
    }
}
