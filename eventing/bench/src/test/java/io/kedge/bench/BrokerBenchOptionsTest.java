package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerBenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    private static BrokerBenchOptions parse(String... args) {
        return BrokerBenchOptions.parse(List.of(args), ROOT, Map.of());
    }

    @Test
    void defaultsFitTheTwoCoreMachineAndTheLaunchersJvm() {
        BrokerBenchOptions options = parse();

        assertThat(options.rates()).startsWith(1_000, 2_000, 5_000, 10_000, 15_000, 20_000);
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(10));
        // the broker runs C2 alone: the first step at 1,000/s must not meet its compilations
        assertThat(options.jitWarmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.burst()).isEqualTo(100_000);
        assertThat(options.out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/broker.md"));
        assertThat(options.brokerJar()).isEqualTo(Path.of("/repo/eventing/broker/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.brokerJvm()).containsExactly("-XX:+UseSerialGC", "-Xmx128m");
        assertThat(options.calibrate()).isFalse();
    }

    @Test
    void flagsWithSpaceOrEqualsAndRepeatedEnvironment() {
        BrokerBenchOptions options = parse("--rates", "200, 1_000", "--step=1.5s", "--warmup", "0", "--burst", "2,000",
                "--max-p99", "250ms", "--out", "/tmp/x.md", "--broker-env", "KEDGE_BROKER_QUEUE_CAPACITY=500",
                "--broker-env=A=b=c", "--broker-jvm", " -Xmx64m  -XX:+UseSerialGC ", "--calibrate");

        assertThat(options.rates()).containsExactly(200, 1_000);
        assertThat(options.step()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(options.warmup()).isZero();
        assertThat(options.burst()).isEqualTo(2_000);
        assertThat(options.maxP99()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x.md"));
        assertThat(options.brokerEnv()).containsEntry("KEDGE_BROKER_QUEUE_CAPACITY", "500").containsEntry("A", "b=c");
        assertThat(options.brokerJvm()).containsExactly("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(options.calibrate()).isTrue();
    }

    @Test
    void aCalibrationDoesNotOverwriteTheBrokersResults() {
        assertThat(parse("--calibrate").out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/calibration.md"));
    }

    @Test
    void theLaunchersJavaOptionsWinOverTheDefault() {
        BrokerBenchOptions options = BrokerBenchOptions.parse(List.of(), ROOT, Map.of("KEDGE_JAVA_OPTS", "-Xmx96m"));

        assertThat(options.brokerJvm()).containsExactly("-Xmx96m");
    }

    @Test
    void durationsInEveryUnit() {
        assertThat(BenchFlags.duration("step", "2m", false)).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchFlags.duration("step", "750ms", false)).isEqualTo(Duration.ofMillis(750));
        assertThat(BenchFlags.duration("step", "3", false)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badValuesNameTheFlagAndTheValue() {
        assertThatThrownBy(() -> parse("--rates", "1000,fast")).hasMessage("--rates: \"fast\" is not a positive number of events/s");
        assertThatThrownBy(() -> parse("--rates", "0")).hasMessageContaining("\"0\"");
        assertThatThrownBy(() -> parse("--step", "0s")).hasMessageContaining("--step: \"0s\" is not a positive duration");
        assertThatThrownBy(() -> parse("--connections", "-3")).hasMessageContaining("--connections: \"-3\"");
        assertThatThrownBy(() -> parse("--broker-env", "NOEQUALS")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> parse("--speed", "9")).hasMessage("unknown flag --speed (see --help)");
        assertThatThrownBy(() -> parse("--step")).hasMessage("flag --step needs a value");
        assertThatThrownBy(() -> parse("broker")).hasMessageContaining("\"broker\"");
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(parse("--help").help()).isTrue();
        for (String flag : List.of("--rates", "--step", "--warmup", "--jit-warmup", "--connections", "--max-outstanding",
                "--request-timeout", "--burst", "--max-p99", "--drain-timeout", "--settle", "--out", "--broker-jar", "--broker-jvm",
                "--broker-env", "--calibrate")) {
            assertThat(BrokerBenchOptions.usage()).contains(flag);
        }
    }
}
