package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.bench.FunctionBenchOptions.Function;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionBenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    private static FunctionBenchOptions parse(Function function, String... args) {
        return FunctionBenchOptions.parse(function, List.of(args), ROOT, Map.of());
    }

    @Test
    void validateDefaultsStepFromAThousandAndRunTheLaunchersJvm() {
        FunctionBenchOptions options = parse(Function.VALIDATE);

        assertThat(options.rates()).startsWith(1_000, 2_000, 5_000, 10_000, 15_000, 20_000);
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.jitWarmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxP99()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.duration()).isZero();
        assertThat(options.connections()).isEqualTo(32);
        assertThat(options.out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/validate.md"));
        assertThat(options.jar()).isEqualTo(Path.of("/repo/functions/validate/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.jvm()).containsExactly("-XX:+UseSerialGC", "-Xmx128m");
        assertThat(options.command()).isEqualTo("./kedge bench validate");
    }

    @Test
    void storeDefaultsMatchTheTargetsSixtyFourConcurrentRequests() {
        FunctionBenchOptions options = parse(Function.STORE);

        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.connections()).isEqualTo(64);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.rates()).contains(30_000);
        assertThat(options.out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/store.md"));
        assertThat(options.jar()).isEqualTo(Path.of("/repo/functions/store/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void flagsJvmAndRepeatedEnvironment() {
        FunctionBenchOptions options = parse(Function.STORE, "--concurrency", "128", "--duration=0", "--jvm",
                "-Xmx256m -XX:+UseParallelGC", "--env", "KEDGE_STORE_BATCH_WRITERS=1", "--env=KEDGE_STORE_BATCH_LINGER=1ms",
                "--jar", "/tmp/store.jar");

        assertThat(options.concurrency()).isEqualTo(128);
        assertThat(options.duration()).isZero();
        assertThat(options.jvm()).containsExactly("-Xmx256m", "-XX:+UseParallelGC");
        assertThat(options.env()).containsEntry("KEDGE_STORE_BATCH_WRITERS", "1").containsEntry("KEDGE_STORE_BATCH_LINGER", "1ms");
        assertThat(options.jar()).isEqualTo(Path.of("/tmp/store.jar"));
        assertThat(options.command()).startsWith("./kedge bench store --concurrency 128");
    }

    @Test
    void theLaunchersJavaOptionsWinOverTheDefault() {
        FunctionBenchOptions options = FunctionBenchOptions.parse(Function.VALIDATE, List.of(), ROOT,
                Map.of("KEDGE_JAVA_OPTS", "-Xmx96m"));

        assertThat(options.jvm()).containsExactly("-Xmx96m");
    }

    @Test
    void theClosedLoopIsTheStoresOnly() {
        assertThatThrownBy(() -> parse(Function.VALIDATE, "--concurrency", "64")).hasMessage("unknown flag --concurrency (see --help)");
        assertThatThrownBy(() -> parse(Function.VALIDATE, "--duration=5s")).hasMessage("unknown flag --duration (see --help)");
        assertThatThrownBy(() -> parse(Function.STORE, "--concurrency", "0")).hasMessageContaining("--concurrency: \"0\"");
        assertThatThrownBy(() -> parse(Function.STORE, "--env", "NOEQUALS")).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(parse(Function.STORE, "-h").help()).isTrue();
        List<String> shared = List.of("--rates", "--step", "--warmup", "--jit-warmup", "--connections", "--max-outstanding",
                "--request-timeout", "--max-p99", "--drain-timeout", "--out", "--jar", "--jvm", "--env", "--help");
        for (String flag : shared) {
            assertThat(FunctionBenchOptions.usage(Function.VALIDATE)).contains(flag);
            assertThat(FunctionBenchOptions.usage(Function.STORE)).contains(flag);
        }
        assertThat(FunctionBenchOptions.usage(Function.STORE)).contains("--concurrency", "--duration", "StoreBench");
        assertThat(FunctionBenchOptions.usage(Function.VALIDATE)).doesNotContain("--concurrency").contains("ValidateBench");
    }
}
