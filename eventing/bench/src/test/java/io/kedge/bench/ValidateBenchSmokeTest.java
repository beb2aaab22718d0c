package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.EventTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validate benchmark end to end, tiny: the real validate jar (built before this module by the
 * reactor), one 1 s step at 200 readings/s. Asserts what was counted, never how fast.
 */
class ValidateBenchSmokeTest {

    @Test
    void measuresTheRealFunctionPrintsTheTableAndLeavesNoProcessBehind() throws Exception {
        Path out = Path.of("target/bench-smoke/validate.md").toAbsolutePath();
        Files.deleteIfExists(out);
        FunctionBenchOptions options = FunctionBenchOptions.parse(FunctionBenchOptions.Function.VALIDATE,
                List.of("--rates", "200", "--step", "1s", "--warmup", "0", "--jit-warmup", "0", "--out", out.toString(),
                        // C1 only: a run this short is over before C2 would pay off, and the machine may be busy
                        "--jvm", "-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"),
                BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ValidateBenchReport report = new ValidateBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertThat(report.steps()).hasSize(1);
        LoadResult step = report.steps().get(0);
        assertThat(step.sent()).isEqualTo(200);
        assertThat(step.accepted()).isEqualTo(200);
        // 1 in 20 of the load is implausible, and the real function says so in its reply
        assertThat(step.replyTypes()).containsOnly(Map.entry(EventTypes.READING_VALIDATED, 190L),
                Map.entry(EventTypes.READING_REJECTED, 10L));
        assertThat(step.non2xx()).isZero();
        assertThat(step.errors()).isZero();
        assertThat(step.usage().of("validate").peakRssBytes()).isPositive();

        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactly("offered/s", "accepted/s", "p50 ms", "p99 ms",
                "max ms", "validate RSS MB", "validate CPU %", "bench CPU %", "validated", "rejected", "non-2xx", "errors", "notes");
        assertThat(written).containsPattern("\\n\\|\\s+200 \\|\\s+\\d+ \\|");
        assertThat(written).contains("|       190 |       10 |").contains("### Targets");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("step 1/1", "results written to " + out).contains(written);
        SmokeOutput.assertGone(printed, "validate pid (\\d+) ready");
    }
}
