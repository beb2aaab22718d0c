package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that a benchmark starts an app with the JVM options {@code ./kedge up} gives it. */
class AppJvmTest {

    @TempDir
    Path root;

    private void optionsFile(String text) throws Exception {
        Files.createDirectories(root.resolve("eventing/broker"));
        Files.writeString(root.resolve("eventing/broker/jvm.options"), text);
    }

    @Test
    void theModulesFileGivesOptionsInOrderAndEnvironmentLines() throws Exception {
        optionsFile("""
                # why each one is here
                -XX:+UseSerialGC
                  -Xmx48m   # trailing comment

                MALLOC_ARENA_MAX=2
                """);

        AppJvm jvm = AppJvm.of(root, "eventing/broker", null, Map.of());

        assertThat(jvm.options()).containsExactly("-XX:+UseSerialGC", "-Xmx48m");
        assertThat(jvm.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
    }

    @Test
    void theCallersEnvironmentWinsOverTheFilesEnvironmentLines() throws Exception {
        optionsFile("-Xmx48m\nMALLOC_ARENA_MAX=2\n");

        AppJvm jvm = AppJvm.of(root, "eventing/broker", null, Map.of("MALLOC_ARENA_MAX", "4"));

        assertThat(jvm.environment()).isEmpty();
    }

    @Test
    void aFlagThenKedgeJavaOptsReplaceTheFilesOptions() throws Exception {
        optionsFile("-Xmx48m\nMALLOC_ARENA_MAX=2\n");

        assertThat(AppJvm.of(root, "eventing/broker", null, Map.of("KEDGE_JAVA_OPTS", " -Xmx96m  -Xss1m")).options())
                .containsExactly("-Xmx96m", "-Xss1m");
        assertThat(AppJvm.of(root, "eventing/broker", "-Xmx200m", Map.of("KEDGE_JAVA_OPTS", "-Xmx96m")).options())
                .containsExactly("-Xmx200m");
        assertThat(AppJvm.of(root, "eventing/broker", "-Xmx200m", Map.of()).environment())
                .as("environment lines still apply").containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void withoutAFileTheLaunchersDefault() {
        AppJvm jvm = AppJvm.of(root, "functions/validate", null, Map.of());

        assertThat(jvm.options()).containsExactly("-XX:+UseSerialGC", "-Xmx128m");
        assertThat(jvm.environment()).isEmpty();
    }

    @Test
    void aLineThatIsNeitherAnOptionNorAnAssignmentIsNamed() throws Exception {
        optionsFile("-Xmx48m\nXmx64m\n");

        assertThatThrownBy(() -> AppJvm.of(root, "eventing/broker", null, Map.of()))
                .hasMessageContaining("jvm.options line 2").hasMessageContaining("\"Xmx64m\"");
    }

    @Test
    void theBrokersShippedFileReadsAsOptionsAndEnvironment() {
        Path checkout = BenchFlags.repositoryRoot(Path.of(""));

        AppJvm jvm = AppJvm.of(checkout, "eventing/broker", null, Map.of());

        assertThat(jvm.options()).isNotEmpty().allMatch(option -> option.startsWith("-XX:") || option.startsWith("-X"));
        assertThat(jvm.options()).contains("-XX:+UseSerialGC").anyMatch(option -> option.startsWith("-Xmx"));
    }
}
