package io.kedge.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies that windows are aligned to the clock, and that only lengths that stay aligned are taken. */
class WindowSpecTest {

    @ParameterizedTest(name = "{0} lies in the {1} window from {2}")
    @CsvSource({
            "2026-11-27T10:15:30Z,       PT1M,  2026-11-27T10:15:00Z",
            "2026-11-27T10:15:00Z,       PT1M,  2026-11-27T10:15:00Z",
            "2026-11-27T10:15:59.999Z,   PT1M,  2026-11-27T10:15:00Z",
            "2026-11-27T10:15:59.999999999Z, PT1M, 2026-11-27T10:15:00Z",
            "2026-11-27T10:16:00Z,       PT1M,  2026-11-27T10:16:00Z",
            "2026-11-27T10:14:59Z,       PT5M,  2026-11-27T10:10:00Z",
            "2026-11-27T10:59:59Z,       PT15M, 2026-11-27T10:45:00Z",
            "2026-11-27T10:15:30Z,       PT1H,  2026-11-27T10:00:00Z",
            "2026-11-27T23:59:59Z,       P1D,   2026-11-27T00:00:00Z",
            "2026-11-27T10:15:07Z,       PT10S, 2026-11-27T10:15:00Z",
            "1969-12-31T23:59:30Z,       PT1M,  1969-12-31T23:59:00Z"
    })
    void windowsStartAtMultiplesOfTheirLengthSinceTheEpoch(String time, String size, String start) {
        WindowSpec spec = new WindowSpec(Duration.parse(size), Duration.ofSeconds(10));

        assertThat(spec.startOf(Instant.parse(time))).isEqualTo(Instant.parse(start));
        assertThat(spec.endOf(Instant.parse(start))).isEqualTo(Instant.parse(start).plus(Duration.parse(size)));
    }

    @ParameterizedTest(name = "a window due at {0} is {1} at a watermark of {2}")
    @CsvSource({
            "2026-11-27T10:16:09.999Z, false",
            "2026-11-27T10:16:10Z,     true",
            "2026-11-27T10:20:00Z,     true"
    })
    void aWindowIsDueOnceTheWatermarkReachesItsEndPlusGrace(String watermark, boolean due) {
        WindowSpec spec = new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(10));

        assertThat(spec.isDue(Instant.parse("2026-11-27T10:15:00Z"), Instant.parse(watermark))).isEqualTo(due);
        assertThat(spec.isDue(Instant.parse("2026-11-27T10:15:00Z"), null)).as("no watermark yet").isFalse();
    }

    @ParameterizedTest(name = "window {0}")
    @CsvSource({"PT0S", "PT0.5S", "PT7M", "PT1M0.0005S", "P2D", "-PT1M"})
    void lengthsThatWouldNotStayAlignedAreRefusedNamingTheKey(String size) {
        assertThatThrownBy(() -> new WindowSpec(Duration.parse(size), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kedge.aggregate.window")
                .hasMessageContaining("divide a day");
    }

    @ParameterizedTest(name = "grace {0}")
    @CsvSource({"-PT1S", "PT0.0000001S"})
    void aNegativeOrSubMillisecondGraceIsRefused(String grace) {
        assertThatThrownBy(() -> new WindowSpec(Duration.ofMinutes(1), Duration.parse(grace)))
                .hasMessageContaining("kedge.aggregate.grace");
    }
}
