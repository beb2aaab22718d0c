package io.kedge.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the threshold rule over recorded reading sequences: level, hold time, consecutive readings, hysteresis. */
class ThresholdRuleTest {

    static final ThresholdRule AT_ONCE = above(30, 30, "0s", 1);
    static final ThresholdRule FOR_2M = above(30, 30, "2m", 1);
    static final ThresholdRule THREE_IN_A_ROW = above(30, 30, "0s", 3);
    static final ThresholdRule FOR_30S_AND_THREE = above(30, 30, "30s", 3);
    static final ThresholdRule HYSTERESIS = above(30, 28, "0s", 1);
    static final ThresholdRule FROST = new ThresholdRule("temperature-low", Severity.CRITICAL, Metric.TEMPERATURE,
            ThresholdRule.Direction.BELOW, 5, 7, Duration.ZERO, 1, Duration.ZERO);

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("fires on the first reading above the level", AT_ONCE,
                        "0s:29 10s:31", List.of("fired@10s")),
                Arguments.of("a value equal to the level is not above it", AT_ONCE,
                        "0s:30 10s:30", List.of()),
                Arguments.of("fires once the condition has held for the hold time", FOR_2M,
                        "0s:31 1m:31 119s:31 2m:31 3m:31", List.of("fired@2m")),
                Arguments.of("a reading below the level restarts the hold time", FOR_2M,
                        "0s:31 1m:29 90s:31 3m:31 210s:31", List.of("fired@210s")),
                Arguments.of("a pending condition that ends before the hold time never fires", FOR_2M,
                        "0s:31 1m:31 90s:29 3m:29", List.of()),
                Arguments.of("fires on the third consecutive reading above", THREE_IN_A_ROW,
                        "0s:31 10s:31 20s:29 30s:31 40s:31 50s:31", List.of("fired@50s")),
                Arguments.of("needs both the hold time and the consecutive readings", FOR_30S_AND_THREE,
                        "0s:31 10s:31 20s:31 30s:31", List.of("fired@30s")),
                Arguments.of("three quick readings are not enough before the hold time", FOR_30S_AND_THREE,
                        "0s:31 5s:31 10s:31 20s:29", List.of()),
                Arguments.of("resolves at the level without hysteresis", AT_ONCE,
                        "0s:31 10s:30", List.of("fired@0m", "resolved@10s")),
                Arguments.of("between clear level and level an incident stays open", HYSTERESIS,
                        "0s:31 10s:29 20s:28.5 30s:28", List.of("fired@0m", "resolved@30s")),
                Arguments.of("a value hovering at the level fires once, not on every crossing", HYSTERESIS,
                        "0s:31 10s:29.9 20s:30.1 30s:29.5 40s:31 50s:30.2", List.of("fired@0m")),
                Arguments.of("a second incident after the first resolved fires again", HYSTERESIS,
                        "0s:31 10s:27 20s:31", List.of("fired@0m", "resolved@10s", "fired@20s")),
                Arguments.of("below: fires under the level, resolves at or above the clear level", FROST,
                        "0s:6 10s:4.9 20s:6.9 30s:7", List.of("fired@10s", "resolved@30s")),
                Arguments.of("repeats an open incident every repeat interval", above(30, 28, "0s", 1, "10m"),
                        "0s:31 5m:31 10m:31 15m:31 20m:32 21m:20", List.of("fired@0m", "repeated@10m", "repeated@20m", "resolved@21m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void announces(String behaviour, ThresholdRule rule, String readings, List<String> expected) {
        assertThat(Recorded.run(rule, readings)).isEqualTo(expected);
    }

    @Test
    void firedStateCarriesValueLevelAndStartTime() {
        SeriesState state = Recorded.last(FOR_2M, "0s:31 1m:31.5 2m:32.25");

        assertThat(state.status()).isEqualTo(Status.FIRING);
        assertThat(state.startsAt()).isEqualTo(Recorded.at("2m"));
        assertThat(state.value()).isEqualTo(32.25);
        assertThat(state.threshold()).isEqualTo(30.0);
    }

    @Test
    void resolvedStateCarriesTheClearLevelAndKeepsTheStart() {
        SeriesState state = Recorded.last(HYSTERESIS, "0s:31 1m:27.5");

        assertThat(state.status()).isEqualTo(Status.OK);
        assertThat(state.startsAt()).isEqualTo(Recorded.at("0s"));
        assertThat(state.endsAt()).isEqualTo(Recorded.at("1m"));
        assertThat(state.value()).isEqualTo(27.5);
        assertThat(state.threshold()).isEqualTo(28.0);
    }

    static ThresholdRule above(double level, double clear, String holdFor, int consecutive) {
        return above(level, clear, holdFor, consecutive, "0s");
    }

    static ThresholdRule above(double level, double clear, String holdFor, int consecutive, String repeat) {
        return new ThresholdRule("temperature-high", Severity.WARNING, Metric.TEMPERATURE, ThresholdRule.Direction.ABOVE,
                level, clear, Durations.parse(holdFor), consecutive, Durations.parse(repeat));
    }
}
