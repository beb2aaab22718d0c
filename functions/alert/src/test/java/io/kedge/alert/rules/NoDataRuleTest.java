package io.kedge.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the no-data (deadman) rule over recorded readings ({@code r:}) and ticks ({@code t:}). */
class NoDataRuleTest {

    static final NoDataRule FIVE_MINUTES = new NoDataRule("device-silent", Severity.CRITICAL, Duration.ofMinutes(5), Duration.ZERO);
    static final NoDataRule REPEAT_HOURLY = new NoDataRule("device-silent", Severity.CRITICAL, Duration.ofMinutes(5), Duration.ofHours(1));

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a tick before the time has passed does nothing", FIVE_MINUTES,
                        "r:0s t:299s", List.of()),
                Arguments.of("fires when the device has been silent for the time", FIVE_MINUTES,
                        "r:0s t:5m", List.of("fired@5m")),
                Arguments.of("the incident starts at last-seen plus the time, whenever the tick comes", FIVE_MINUTES,
                        "r:0s t:7m", List.of("fired@5m")),
                Arguments.of("fires once however many ticks follow", FIVE_MINUTES,
                        "r:0s t:5m t:6m t:7m t:60m", List.of("fired@5m")),
                Arguments.of("the next reading resolves it", FIVE_MINUTES,
                        "r:0s t:6m r:8m t:9m", List.of("fired@5m", "resolved@8m")),
                Arguments.of("a reading resets the silence", FIVE_MINUTES,
                        "r:0s r:4m t:8m t:9m", List.of("fired@9m")),
                Arguments.of("silent again after resolving fires again", FIVE_MINUTES,
                        "r:0s t:6m r:8m t:14m", List.of("fired@5m", "resolved@8m", "fired@13m")),
                Arguments.of("repeats on ticks every repeat interval", REPEAT_HOURLY,
                        "r:0s t:5m t:30m t:65m t:66m t:125m", List.of("fired@5m", "repeated@65m", "repeated@125m")),
                Arguments.of("the repeat interval counts from the tick that announced, not from the start", REPEAT_HOURLY,
                        "r:0s t:50m t:65m t:109m t:110m", List.of("fired@5m", "repeated@110m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void announces(String behaviour, NoDataRule rule, String events, List<String> expected) {
        assertThat(Recorded.runNoData(rule, events)).isEqualTo(expected);
    }

    @Test
    void valueIsTheSilenceAndThresholdTheTimeInSeconds() {
        Step fired = FIVE_MINUTES.check(SeriesState.INITIAL, Recorded.at("0s"), Recorded.at("7m"));
        Step resolved = FIVE_MINUTES.seen(fired.state(), Recorded.at("9m"), Recorded.at("0s"));

        assertThat(fired.state().value()).isEqualTo(420.0);
        assertThat(fired.state().threshold()).isEqualTo(300.0);
        assertThat(resolved.state().value()).isEqualTo(540.0);
        assertThat(resolved.state().endsAt()).isEqualTo(Recorded.at("9m"));
    }
}
