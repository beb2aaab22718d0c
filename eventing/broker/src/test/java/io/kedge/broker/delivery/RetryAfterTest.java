package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies both forms of {@code Retry-After}: delta-seconds and HTTP date. */
class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "\"{0}\" waits {1} s")
    @CsvSource(delimiter = '|', value = {
            "0 | 0",
            "3 | 3",
            " 120 | 120",
            "Fri, 27 Nov 2026 10:16:00 GMT | 30",
            "Fri, 27 Nov 2026 10:15:00 GMT | 0"})
    void waitIsReadFromSecondsOrDate(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "\"{0}\" is ignored")
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999999", "2026-11-27T10:16:00Z"})
    void unreadableHeaderIsIgnored(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Optional.empty());
    }
}
