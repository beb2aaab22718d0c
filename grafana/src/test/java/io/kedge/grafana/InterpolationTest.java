package io.kedge.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.grafana.interpolation.InfluxQlMacros;
import io.kedge.grafana.interpolation.Intervals;
import io.kedge.grafana.interpolation.TemplateVariables;
import io.kedge.grafana.interpolation.TemplateVariables.Selection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Verifies the emulation of Grafana's substitutions against the behaviour of Grafana's code
 * (expected values worked out from {@code templateSrv}, {@code kbn.regexEscape},
 * {@code rangeutil.calculateInterval}, {@code gtime.FormatInterval} and {@code Query.Build}).
 */
class InterpolationTest {

    private static final TemplateVariables VARIABLES = new TemplateVariables(Map.of(
            "device", Selection.of("lab/pi.2", "pi-kitchen"),
            "location", Selection.of("lab (east)"),
            "any", Selection.all(".*", List.of("a", "b")),
            "listed", Selection.all(null, List.of("a", "b.c"))));

    static Stream<Arguments> variableReferences() {
        return Stream.of(
                Arguments.of("several values become an escaped alternation",
                        "\"device\" =~ /^$device$/", "\"device\" =~ /^(lab\\/pi\\.2|pi-kitchen)$/"),
                Arguments.of("one value is escaped alone, parentheses included",
                        "/^$location$/", "/^lab \\(east\\)$/"),
                Arguments.of("All with allValue inserts it unescaped", "/^$any$/", "/^.*$/"),
                Arguments.of("All without allValue lists every option", "/^$listed$/", "/^(a|b\\.c)$/"),
                Arguments.of("braces and brackets name variables too", "${location} [[location]]",
                        "lab \\(east\\) lab \\(east\\)"),
                Arguments.of("an explicit format wins over regex", "${device:csv}", "lab/pi.2,pi-kitchen"),
                Arguments.of("macros and unknown names stay for the backend",
                        "$timeFilter $__interval $__interval_ms $interval $nosuch", "$timeFilter $__interval $__interval_ms $interval $nosuch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variableReferences")
    void dashboardVariablesAreSubstitutedAsGrafanasFrontendDoes(String behaviour, String query, String expected) {
        assertThat(VARIABLES.replace(query)).isEqualTo(expected);
    }

    @Test
    void regexEscapingCoversEveryCharacterGrafanaEscapes() {
        assertThat(TemplateVariables.regexEscape("\\^$*+?.()|[]{}/-_ a")).isEqualTo("\\\\\\^\\$\\*\\+\\?\\.\\(\\)\\|\\[\\]\\{\\}\\/-_ a");
    }

    @Test
    void anUnemulatedFormatIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> VARIABLES.replace("${device:lucene}")).hasMessageContaining("lucene");
    }

    @Test
    void theBackendExpandsMacrosInGrafanasOrder() {
        Instant from = Instant.ofEpochMilli(1_000);
        Instant to = Instant.ofEpochMilli(61_000);

        String query = InfluxQlMacros.expand("WHERE $timeFilter GROUP BY time($__interval) -- $interval $__interval_ms",
                from, to, 90_000);

        // 90 s is written 1m: gtime.FormatInterval truncates to the largest whole unit
        assertThat(query).isEqualTo("WHERE time >= 1000ms and time <= 61000ms GROUP BY time(1m) -- 1m 90000");
    }

    static Stream<Arguments> panelIntervals() {
        return Stream.of(
                Arguments.of("6h over 1000 points rounds 21.6 s down to 20s", Duration.ofHours(6), 1000, "2s", 20_000L, "20s"),
                Arguments.of("15m over 1000 points is below the datasource's 2s", Duration.ofMinutes(15), 1000, "2s", 2_000L, "2s"),
                Arguments.of("a panel interval of 1m is a lower limit", Duration.ofHours(6), 1000, "1m", 60_000L, "1m"),
                Arguments.of("24h rounds 86.4 s to 1m", Duration.ofHours(24), 1000, "2s", 60_000L, "1m"),
                Arguments.of("7d rounds 604.8 s to 10m", Duration.ofDays(7), 1000, "2s", 600_000L, "10m"),
                Arguments.of("without a lower limit it goes below a second", Duration.ofSeconds(30), 1000, null, 20L, "20ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelIntervals")
    void panelIntervalsAreRoundedAndBoundedAsGrafanaDoes(String behaviour, Duration range, int resolution, String lowLimit,
                                                         long expectedMs, String expectedText) {
        long interval = Intervals.calculate(range, resolution, lowLimit);

        assertThat(interval).isEqualTo(expectedMs);
        assertThat(Intervals.format(interval)).isEqualTo(expectedText);
    }

    @Test
    void relativeTimesAreResolvedAgainstNow() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(Intervals.relative("now-6h", now)).isEqualTo(Instant.parse("2026-11-28T06:00:00Z"));
        assertThat(Intervals.relative("now", now)).isEqualTo(now);
        assertThatThrownBy(() -> Intervals.relative("now/d", now)).isInstanceOf(IllegalArgumentException.class);
    }
}
