package io.kedge.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalsTest {

    private static final Duration DHT11 = Duration.ofSeconds(2);

    @Test
    void anIntervalBelowTheSensorsMinimumIsRaisedToIt() {
        assertThat(Intervals.atLeast(Duration.ofMillis(500), DHT11)).isEqualTo(DHT11);
    }

    @Test
    void anIntervalAtOrAboveTheMinimumIsKept() {
        assertThat(Intervals.atLeast(DHT11, DHT11)).isEqualTo(DHT11);
        assertThat(Intervals.atLeast(Duration.ofSeconds(30), DHT11)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> Intervals.atLeast(Duration.ZERO, DHT11)).hasMessageContaining("PT0S");
    }

    @ParameterizedTest
    @CsvSource({"PT0.1S, 100 ms", "PT2S, 2 s", "PT1.5S, 1.5 s", "PT4M10S, 4 min 10 s", "PT5M, 5 min", "PT2H30M, 2 h 30 min"})
    void durationsReadAsPeopleWriteThem(Duration duration, String text) {
        assertThat(Intervals.text(duration)).isEqualTo(text);
    }
}
