package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.bench.ColdStartOptions.Mode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the cold-start benchmark's options, its medians and its verdict on issue 8's target. */
class ColdStartReportTest {

    @Test
    void theMedianIsTheMiddleStartOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(ColdStartReport.median(new double[] {0.9, 0.3, 0.5})).isEqualTo(0.5);
        assertThat(ColdStartReport.median(new double[] {0.4, 0.2, 0.8, 0.6})).isEqualTo(0.5);
        assertThat(ColdStartReport.median(new double[0])).isNaN();
    }

    @Test
    void aFunctionMeetsTheTargetWithAMedianAtMostHalfASecondAndTheArchiveMappedEveryTime() {
        ColdStartReport report = report(
                result("validate", true, Mode.JVM, true, 1.2, 1.1, 1.4),
                result("validate", true, Mode.APPCDS, true, 0.45, 0.48, 0.52),
                result("store", true, Mode.APPCDS, true, 0.7, 0.6, 0.65),
                result("alert", true, Mode.APPCDS, false, 0.3, 0.3, 0.3),
                result("broker", false, Mode.APPCDS, true, 0.9, 0.9, 0.9));

        String targets = report.targets().render();

        assertThat(targets).containsPattern("AppCDS: validate\\s+\\| median 0\\.48 s \\(min 0\\.45, max 0\\.52\\)\\s+\\| yes");
        assertThat(targets).containsPattern("AppCDS: store\\s+\\| median 0\\.65 s.*\\| no");
        assertThat(targets).as("fast, but the archive was not used").containsPattern("AppCDS: alert\\s+\\|.*\\| no");
        assertThat(targets).containsPattern("broker cold start with AppCDS \\(no target; for reference\\).*\\| —");
    }

    @Test
    void theTableHasARowPerAppAndModeAndSaysWhyNativeIsMissing() {
        String markdown = report(result("validate", true, Mode.JVM, true, 1.0, 1.2),
                result("validate", true, Mode.APPCDS, false, 0.6, 0.7)).markdown();

        assertThat(SmokeOutput.headerOfFirstTable(markdown)).containsExactlyElementsOf(ColdStartReport.COLUMNS);
        assertThat(markdown).containsPattern("\\| validate \\| JVM\\s+\\|\\s+2 \\|\\s+1\\.10 \\|\\s+1\\.00 \\|\\s+1\\.20 \\|");
        assertThat(markdown).contains("2 runs did NOT map the archive", "training run 12.00 s");
        assertThat(markdown).containsPattern("\\| validate \\| native .*no GraalVM/Mandrel builder");
    }

    @Test
    void optionsDefaultToEveryFunctionAndTheBrokerInBothModes() {
        ColdStartOptions options = ColdStartOptions.parse(List.of(), Path.of("/repo"), Map.of());

        assertThat(options.apps()).extracting(app -> app.name).containsExactly("validate", "store", "alert", "aggregate", "broker");
        assertThat(options.modes()).containsExactly(Mode.JVM, Mode.APPCDS);
        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.out()).isEqualTo(Path.of("/repo/eventing/bench/target/bench/coldstart.md"));
        assertThat(ColdStartOptions.parse(List.of("--apps", "store", "--modes", "appcds", "--runs", "2"), Path.of("/repo"), Map.of()))
                .satisfies(o -> {
                    assertThat(o.apps()).extracting(app -> app.name).containsExactly("store");
                    assertThat(o.modes()).containsExactly(Mode.APPCDS);
                    assertThat(o.runs()).isEqualTo(2);
                });
    }

    private static ColdStartReport report(ColdStartReport.AppResult... results) {
        return new ColdStartReport("./kedge bench coldstart", "a machine", List.of(results), Path.of("/archives"));
    }

    private static ColdStartReport.AppResult result(String app, boolean function, Mode mode, boolean mapped, double... seconds) {
        List<ColdStartReport.Start> starts = Arrays.stream(seconds)
                .mapToObj(s -> new ColdStartReport.Start(s, mapped, "1.00", Path.of("/no/log"), 1)).toList();
        return new ColdStartReport.AppResult(app, function, mode, starts, mode == Mode.APPCDS ? 12 : Double.NaN,
                mode == Mode.APPCDS ? 20L << 20 : -1);
    }
}
