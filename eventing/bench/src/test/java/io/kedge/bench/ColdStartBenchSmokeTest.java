package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.bench.ColdStartOptions.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cold-start benchmark, tiny: the real validate jar, one training run and one start per mode.
 * Asserts that each start was timed to a handled event, that the AppCDS start mapped the archive
 * the training run wrote, and that no app is left; never how fast.
 */
class ColdStartBenchSmokeTest {

    @Test
    void validateIsTimedInBothModesAndTheAppCdsStartUsesTheTrainingRunsArchive() throws Exception {
        Path out = Path.of("target/bench-smoke/coldstart.md").toAbsolutePath();
        Path archives = Path.of("target/bench-smoke/appcds").toAbsolutePath();
        Files.deleteIfExists(out);
        ColdStartOptions options = ColdStartOptions.parse(List.of("--apps", "validate", "--runs", "1", "--out", out.toString(),
                "--archives", archives.toString()), BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ColdStartReport report = new ColdStartBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertThat(report.results()).extracting(ColdStartReport.AppResult::mode).containsExactly(Mode.JVM, Mode.APPCDS);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.starts()).singleElement()
                .satisfies(start -> assertThat(start.seconds()).isPositive()));
        assertThat(report.results().get(1).starts().get(0).archiveMapped()).as("the JVM mapped validate.jsa").isTrue();
        assertThat(archives.resolve("validate.jsa")).isRegularFile();
        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactlyElementsOf(ColdStartReport.COLUMNS);
        assertThat(written).contains("| validate | native ", "### Target");
        String printed = console.toString(StandardCharsets.UTF_8);
        SmokeOutput.assertGone(printed, "validate JVM run 1/1: pid (\\d+)");
        SmokeOutput.assertGone(printed, "validate JVM \\+ AppCDS run 1/1: pid (\\d+)");
    }
}
