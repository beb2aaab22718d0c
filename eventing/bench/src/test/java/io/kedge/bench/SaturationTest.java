package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SaturationTest {

    private static final Duration MAX_P99 = Duration.ofMillis(500);

    @Test
    void aStepThatKeepsUpIsNotSaturated() {
        assertThat(Saturation.reason(1_000, 999, 10_000, 10_000, 0, 0, 0, 3.2, MAX_P99)).isNull();
    }

    @Test
    void deliveringLessThan95PercentOfOfferedIsSaturation() {
        assertThat(Saturation.reason(10_000, 9_400, 94_000, 94_000, 0, 0, 0, 3.2, MAX_P99))
                .isEqualTo("delivered 94 % of offered");
        assertThat(Saturation.reason(10_000, 9_500, 95_000, 95_000, 0, 0, 0, 3.2, MAX_P99)).isNull();
    }

    @Test
    void backpressureErrorsLossesAndLatencyEachSaturate() {
        assertThat(Saturation.reason(1_000, 1_000, 10_000, 10_000, 3, 0, 0, 1, MAX_P99)).isEqualTo("3 × 503");
        assertThat(Saturation.reason(1_000, 1_000, 10_000, 10_000, 0, 2, 0, 1, MAX_P99)).isEqualTo("2 errors");
        assertThat(Saturation.reason(1_000, 1_000, 10_000, 10_000, 0, 0, 5, 1, MAX_P99))
                .isEqualTo("5 never sent (generator behind)");
        assertThat(Saturation.reason(1_000, 1_000, 10_000, 9_990, 0, 0, 0, 1, MAX_P99))
                .isEqualTo("10 accepted but not delivered");
        assertThat(Saturation.reason(1_000, 1_000, 10_000, 10_000, 0, 0, 0, 501, MAX_P99)).isEqualTo("p99 501 ms > 500 ms");
    }

    @Test
    void everyReasonIsListed() {
        assertThat(Saturation.reason(20_000, 9_000, 90_000, 90_000, 1_200, 0, 0, 900, MAX_P99))
                .isEqualTo("delivered 45 % of offered; 1,200 × 503; p99 900 ms > 500 ms");
    }

    @Test
    void aFunctionStepIsJudgedByItsAnswers() {
        assertThat(Saturation.ofAnswers(1_000, 1_000, 0, 0, 0, 1.5, MAX_P99)).isNull();
        assertThat(Saturation.ofAnswers(20_000, 15_000, 4, 1, 0, 900, MAX_P99))
                .isEqualTo("accepted 75 % of offered; 4 non-2xx; 1 errors; p99 900 ms > 500 ms");
        assertThat(Saturation.ofAnswers(1_000, 1_000, 0, 0, 3, 1, MAX_P99)).isEqualTo("3 never sent (generator behind)");
    }
}
