package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    private static AlertBenchOptions parse(String... args) {
        return AlertBenchOptions.parse(List.of(args), ROOT, Map.of());
    }

    @Test
    void defaultsAreTheTargetsLoadAndTheLaunchersProcesses() {
        AlertBenchOptions options = parse();

        assertThat(options.rate()).isEqualTo(100);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.fireEvery()).isEqualTo(10);
        assertThat(options.out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/alert.md"));
        assertThat(options.jars()).containsEntry(StackApp.BROKER, Path.of("/repo/eventing/broker/target/quarkus-app/quarkus-run.jar"))
                .containsEntry(StackApp.ALERT, Path.of("/repo/functions/alert/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.jvms().get(StackApp.VALIDATE).options()).containsExactly("-XX:+UseSerialGC", "-Xmx128m");
        assertThat(options.command()).isEqualTo("./kedge bench alert");
    }

    @Test
    void flagsOverrideEachSetting() {
        AlertBenchOptions options = parse("--rate", "50", "--duration=2s", "--warmup", "0", "--fire-every", "5",
                "--broker-jvm", "-Xmx40m", "--functions-jvm", "-Xmx96m -XX:TieredStopAtLevel=1",
                "--env", "KEDGE_BROKER_COMMIT_LINGER=1ms", "--out", "/tmp/a.md");

        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.warmup()).isZero();
        assertThat(options.fireEvery()).isEqualTo(5);
        assertThat(options.jvms().get(StackApp.BROKER).options()).containsExactly("-Xmx40m");
        assertThat(options.jvms().get(StackApp.STORE).options()).containsExactly("-Xmx96m", "-XX:TieredStopAtLevel=1");
        assertThat(options.env()).containsEntry("KEDGE_BROKER_COMMIT_LINGER", "1ms");
        assertThat(options.out()).isEqualTo(Path.of("/tmp/a.md"));
        assertThat(options.command()).startsWith("./kedge bench alert --rate 50");
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> parse("--rate", "0")).hasMessageContaining("--rate: \"0\"");
        assertThatThrownBy(() -> parse("--fire-every", "x")).hasMessageContaining("--fire-every");
        assertThatThrownBy(() -> parse("--steps", "3")).hasMessage("unknown flag --steps (see --help)");
        assertThat(AlertBenchOptions.usage()).contains("--fire-every", "--functions-jvm");
    }
}
