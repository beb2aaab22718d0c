package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies that the gate leaves a reply's {@code ce-time} alone only where rewriting it would not
 * change it, so that skipping java.time never changes what the sender sees.
 */
class EventGateTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:30Z", "2026-11-27T10:15:30.123Z", "2026-11-27T10:15:30.1+01:00",
            "2026-11-27T10:15:30.000000001-05:30"})
    void timeAsIsoWritesItIsLeftAlone(String time) {
        assertThat(EventGate.isIsoFormatted(time)).isTrue();
        assertThat(iso(time)).isEqualTo(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15Z", "2026-11-27T10:15:30.120Z", "2026-11-27T10:15:30.100+01:00",
            "2026-11-27T10:15:30+00:00", "2026-11-27t10:15:30z"})
    void timeThatIsoWritesOtherwiseIsRewritten(String time) {
        assertThat(EventGate.isIsoFormatted(time)).isFalse();
        assertThat(iso(time)).isNotEqualTo(time);
    }

    private static String iso(String time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(time));
    }
}
