package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies the end-to-end benchmark's flags: the six processes by default, the edge app with {@code --edge}. */
class PipelineBenchOptionsTest {

    @TempDir
    Path root;

    private PipelineBenchOptions parse(Map<String, String> environment, String... args) {
        return PipelineBenchOptions.parse(List.of(args), root, environment);
    }

    private PipelineBenchOptions parse(String... args) {
        return parse(Map.of(), args);
    }

    private void edgeOptionsFile() throws Exception {
        Files.createDirectories(root.resolve("eventing/edge"));
        Files.writeString(root.resolve("eventing/edge/jvm.options"), "-XX:+UseSerialGC\n-Xmx48m\nMALLOC_ARENA_MAX=2\n");
    }

    @Test
    void defaultsAreTheSixProcessesOfKedgeUp() {
        PipelineBenchOptions options = parse();

        assertThat(options.mode()).isEqualTo(PipelineMode.APPS);
        assertThat(options.rates()).containsExactly(100, 500, 1_000, 2_000, 5_000, 10_000);
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.out()).isEqualTo(root.resolve("eventing/bench/target/bench/pipeline.md"));
        assertThat(options.plot()).isEqualTo(root.resolve("eventing/bench/target/bench/pipeline.png"));
        assertThat(options.jars()).containsEntry(StackApp.BROKER, root.resolve("eventing/broker/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.command()).isEqualTo("./kedge bench pipeline");
        assertThat(options.burst()).isEqualTo(50_000);
        assertThat(options.burstRate()).isEqualTo(10_000);
        assertThat(options.burstDrainTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(options.burstSettle()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theBurstFlagsAreReadAndZeroSkipsTheBurst() {
        PipelineBenchOptions options = parse("--edge", "--burst", "100_000", "--burst-rate", "2,000",
                "--burst-drain-timeout", "10m", "--burst-settle", "0");

        assertThat(options.burst()).isEqualTo(100_000);
        assertThat(options.burstRate()).isEqualTo(2_000);
        assertThat(options.burstDrainTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.burstSettle()).isZero();
        assertThat(parse("--burst=0").burst()).isZero();
    }

    @Test
    void negativeOrZeroBurstFiguresAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse("--burst", "-1")).hasMessageContaining("--burst: \"-1\"");
        assertThatThrownBy(() -> parse("--burst-rate", "0")).hasMessageContaining("--burst-rate: \"0\" is not a positive number");
        assertThatThrownBy(() -> parse("--burst-rate", "-500")).hasMessageContaining("--burst-rate: \"-500\"");
        assertThatThrownBy(() -> parse("--burst-drain-timeout", "-1s")).hasMessageContaining("--burst-drain-timeout: \"-1s\"");
        assertThatThrownBy(() -> parse("--burst-drain-timeout", "0")).hasMessageContaining("--burst-drain-timeout");
        assertThatThrownBy(() -> parse("--burst-settle", "-5s")).hasMessageContaining("--burst-settle: \"-5s\"");
    }

    @Test
    void edgeRunsTheEdgeAppWithItsJvmOptionsAndWritesItsOwnFiles() throws Exception {
        edgeOptionsFile();

        PipelineBenchOptions options = parse("--edge", "--rates", "100,1000", "--warmup", "20s");

        assertThat(options.mode()).isEqualTo(PipelineMode.EDGE);
        assertThat(options.edgeJar()).isEqualTo(root.resolve("eventing/edge/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.edgeJvm().options()).containsExactly("-XX:+UseSerialGC", "-Xmx48m");
        assertThat(options.edgeJvm().environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
        assertThat(options.out()).isEqualTo(root.resolve("eventing/bench/target/bench/pipeline-edge.md"));
        assertThat(options.plot()).isEqualTo(root.resolve("eventing/bench/target/bench/pipeline-edge.png"));
        assertThat(options.rates()).containsExactly(100, 1_000);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.command()).isEqualTo("./kedge bench pipeline --edge --rates 100,1000 --warmup 20s");
    }

    @Test
    void edgeJvmThenKedgeJavaOptsReplaceTheEdgesFileAsTheLauncherDoes() throws Exception {
        edgeOptionsFile();

        assertThat(parse(Map.of("KEDGE_JAVA_OPTS", "-Xmx64m"), "--edge").edgeJvm().options()).containsExactly("-Xmx64m");
        PipelineBenchOptions flagged = parse(Map.of("KEDGE_JAVA_OPTS", "-Xmx64m"), "--edge", "--edge-jvm", "-Xmx96m -Xss1m");
        assertThat(flagged.edgeJvm().options()).containsExactly("-Xmx96m", "-Xss1m");
        assertThat(flagged.edgeJvm().environment()).as("the file's environment lines still apply")
                .containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void anExplicitOutWinsOverTheEdgesDefault() {
        PipelineBenchOptions options = parse("--edge", "--out", "/tmp/e.md");

        assertThat(options.out()).isEqualTo(Path.of("/tmp/e.md"));
        assertThat(options.plot()).isEqualTo(Path.of("/tmp/e.png"));
    }

    @Test
    void aJvmFlagOfTheModeThatDoesNotRunIsRefusedNotIgnored() {
        assertThatThrownBy(() -> parse("--edge", "--functions-jvm", "-Xmx96m"))
                .hasMessageContaining("--functions-jvm").hasMessageContaining("--edge-jvm");
        assertThatThrownBy(() -> parse("--edge", "--broker-jvm", "-Xmx96m")).hasMessageContaining("--broker-jvm");
        assertThatThrownBy(() -> parse("--edge-jvm", "-Xmx96m")).hasMessageContaining("add --edge");
        assertThatThrownBy(() -> parse("--edge", "yes")).hasMessageContaining("unexpected argument \"yes\"");
    }

    @Test
    void theShippedEdgeJvmOptionsAreRead() {
        Path checkout = BenchFlags.repositoryRoot(Path.of(""));

        PipelineBenchOptions options = PipelineBenchOptions.parse(List.of("--edge"), checkout, Map.of());

        assertThat(options.edgeJvm().options()).contains("-XX:+UseSerialGC").anyMatch(option -> option.startsWith("-Xmx"));
        assertThat(options.edgeJvm().environment()).containsKey("MALLOC_ARENA_MAX");
    }

    @Test
    void theUsageNamesTheEdgeAndBurstFlags() {
        assertThat(PipelineBenchOptions.usage()).contains("--edge ", "--edge-jvm", "pipeline-edge.md", "--burst N",
                "--burst-rate N", "--burst-drain-timeout D", "--burst-settle D", "10 % of before");
    }
}
