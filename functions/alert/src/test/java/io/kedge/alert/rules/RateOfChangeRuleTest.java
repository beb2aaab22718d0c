package io.kedge.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the rate-of-change rule over recorded reading sequences: more than 5 °C in 10 minutes. */
class RateOfChangeRuleTest {

    static final RateOfChangeRule ANY = rule(RateOfChangeRule.Trend.ANY, 5, 5);
    static final RateOfChangeRule RISING = rule(RateOfChangeRule.Trend.RISING, 5, 5);
    static final RateOfChangeRule FALLING = rule(RateOfChangeRule.Trend.FALLING, 5, 5);
    static final RateOfChangeRule WITH_CLEAR = rule(RateOfChangeRule.Trend.ANY, 5, 2);

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a rise of more than 5 within 10 minutes fires", ANY,
                        "0s:20 5m:22 9m:25.5", List.of("fired@9m")),
                Arguments.of("a rise of exactly 5 does not fire", ANY,
                        "0s:20 5m:25", List.of()),
                Arguments.of("rounding noise at exactly 5 does not fire (25.1 - 20.1)", ANY,
                        "0s:20.1 1m:25.1", List.of()),
                Arguments.of("the same rise spread over more than the window does not fire", ANY,
                        "0s:20 6m:22.5 12m:25 18m:27.5 24m:30", List.of()),
                Arguments.of("a fall fires a rule watching any direction", ANY,
                        "0s:25 1m:19.5", List.of("fired@1m")),
                Arguments.of("a rule watching rises ignores a fall", RISING,
                        "0s:25 1m:19", List.of()),
                Arguments.of("a rule watching falls ignores a rise", FALLING,
                        "0s:19 1m:25", List.of()),
                Arguments.of("a rule watching falls fires on one", FALLING,
                        "0s:25 5m:19", List.of("fired@5m")),
                Arguments.of("resolves once the jump has left the window", ANY,
                        "0s:20 1m:26 5m:26 12m:26.5", List.of("fired@1m", "resolved@12m")),
                Arguments.of("without a clear delta, a change back to 5 or less resolves", ANY,
                        "0s:20 1m:26 5m:23 11m:22.5 16m:22.5", List.of("fired@1m", "resolved@5m")),
                Arguments.of("with a clear delta of 2, a change of 3 keeps the incident open", WITH_CLEAR,
                        "0s:20 1m:26 5m:23 11m:22.5 16m:22.5", List.of("fired@1m", "resolved@16m")),
                Arguments.of("fires once while the change stays large", ANY,
                        "0s:20 1m:26 2m:27 3m:28", List.of("fired@1m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void announces(String behaviour, RateOfChangeRule rule, String readings, List<String> expected) {
        assertThat(Recorded.run(rule, readings)).isEqualTo(expected);
    }

    @Test
    void aFallIsAnnouncedAsANegativeChangeAgainstANegativeDelta() {
        Step step = ANY.step(SeriesState.INITIAL, new Sample(Recorded.at("0s"), 25.0));
        step = ANY.step(step.state(), new Sample(Recorded.at("2m"), 18.5));

        assertThat(step.change()).isEqualTo(Change.FIRED);
        assertThat(step.state().value()).isEqualTo(-6.5);
        assertThat(step.state().threshold()).isEqualTo(-5.0);
    }

    @Test
    void theStoredWindowStaysSmallHoweverManyReadings() {
        SeriesState state = SeriesState.INITIAL;
        for (int second = 0; second < 3600; second += 2) {
            state = ANY.step(state, new Sample(Recorded.START.plusSeconds(second), 20 + (second % 7) * 0.1)).state();
        }

        assertThat(RateWindow.decode(state.window()).slices()).isLessThanOrEqualTo(11);
        assertThat(state.window().length()).isLessThan(400);
    }

    @Test
    void aWindowThatCannotBeReadStartsEmpty() {
        assertThat(RateWindow.decode("garbage").slices()).isZero();
        assertThat(RateWindow.decode("1:2").slices()).isZero();
    }

    static RateOfChangeRule rule(RateOfChangeRule.Trend trend, double delta, double clearDelta) {
        return new RateOfChangeRule("temperature-jump", Severity.WARNING, Metric.TEMPERATURE, delta, clearDelta,
                Duration.ofMinutes(10), trend, 10, Duration.ZERO);
    }
}
