package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies that the fast path gives java.time's answer wherever it gives one. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-27T10:15:30Z",
            "2026-11-27t10:15:30z",
            "2026-11-27T10:15:30.1Z",
            "2026-11-27T10:15:30.123Z",
            "2026-11-27T10:15:30.123456789Z",
            "2026-11-27T10:15:30+01:00",
            "2026-11-27T10:15:30-05:30",
            "2026-11-27T10:15:30-00:00",
            "2026-11-27T23:59:59.999+18:00",
            "2024-02-29T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-18:00"})
    void commonFormsParseAsJavaTimeParsesThem(String text) {
        OffsetDateTime fast = Rfc3339.parseCommon(text);

        assertThat(fast).isEqualTo(OffsetDateTime.parse(text));
        assertThat(fast.getOffset()).isEqualTo(OffsetDateTime.parse(text).getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "2026-11-27T10:15:30",          // no zone: the caller says so with its own code
            "2026-11-27T10:15Z",            // no seconds: java.time takes it, RFC 3339 does not
            "2026-11-27 10:15:30Z",
            "2026-11-27T10:15:30.Z",
            "2026-11-27T10:15:30.1234567891Z",
            "2026-11-27T10:15:30+01",
            "2026-11-27T10:15:30+0100",
            "2026-11-27T10:15:30+01:00:00",
            "2026-11-27T10:15:30+19:00",
            "2026-11-27T10:15:30+18:01",
            "2026-11-27T10:15:30+01:60",
            "2026-02-30T10:15:30Z",
            "2025-02-29T10:15:30Z",
            "2026-13-01T10:15:30Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:60:30Z",
            "2026-11-27T10:15:60Z",
            "+2026-11-27T10:15:30Z",
            "2026-11-27T10:15:30ZZ",
            "2026-11-27T10:15:30Z ",
            "２０２６-11-27T10:15:30Z",
            "2026-1a-27T10:15:30Z",
            "2026-11-27T10:15:30.12a4Z"})
    void anythingElseIsLeftToJavaTime(String text) {
        assertThat(Rfc3339.parseCommon(text)).isNull();
    }

    /** Valid times with one or two characters replaced at random, so every check gets its turn. */
    @Test
    void neverAcceptsWhatJavaTimeRefusesNorReadsItDifferently() {
        Random random = new Random(3339);
        String[] bases = {"2026-11-27T10:15:30Z", "2024-02-29T23:59:59.5+05:45", "1999-12-31T00:00:00.000001-12:00"};
        String alphabet = "0123456789-:.+TtZz x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(bases[random.nextInt(bases.length)]);
            for (int change = 0; change <= random.nextInt(2); change++) {
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String time = text.toString();
            OffsetDateTime fast = Rfc3339.parseCommon(time);
            if (fast != null) {
                assertThat(fast).as(time).isEqualTo(javaTime(time));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:30Z", "2026-11-27T10:15Z", "2026-11-27T10:15:30+01:00:30", "+12026-11-27T10:15:30Z"})
    void parseAnswersAsOffsetDateTimeParseWhateverTheForm(String text) {
        assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:30", "2026-02-30T10:15:30Z", "lunchtime"})
    void parseRefusesAsOffsetDateTimeParseDoes(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void formatWritesWhatInstantToStringWrites() {
        Random random = new Random(8601);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-27T10:15:30Z"),
                Instant.parse("2026-11-27T10:15:30.120Z"), Instant.parse("2026-11-27T10:15:30.000001Z"),
                Instant.parse("2026-11-27T10:15:30.123456789Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")));
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong() % 253_402_300_800L; // years 0001 to 9999, either side of 1970
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant instant : instants) {
            assertThat(Rfc3339.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void formatWritesWhatIsoOffsetDateTimeWrites() {
        Random random = new Random(3339);
        List<OffsetDateTime> times = new ArrayList<>(List.of(
                OffsetDateTime.parse("2026-11-27T10:15:00Z"), OffsetDateTime.parse("2026-11-27T10:15:30.120+01:00"),
                OffsetDateTime.parse("2026-11-27T10:15:30.000001-05:30"), OffsetDateTime.parse("0000-01-01T00:00:00Z"),
                OffsetDateTime.parse("9999-12-31T23:59:59.999999999+18:00"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z"), OffsetDateTime.parse("-0001-12-31T23:59:59-18:00"),
                OffsetDateTime.of(2026, 11, 27, 10, 15, 30, 5, ZoneOffset.ofHoursMinutesSeconds(-3, -25, -7))));
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong() % 253_402_300_800L;
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 10;
                default -> random.nextInt(1_000_000_000);
            };
            ZoneOffset offset = switch (i % 3) {
                case 0 -> ZoneOffset.UTC;
                case 1 -> ZoneOffset.ofTotalSeconds((random.nextInt(35) - 17) * 3600 + random.nextInt(4) * 15 * 60);
                default -> ZoneOffset.ofTotalSeconds(random.nextInt(2 * 64_800 + 1) - 64_800);
            };
            times.add(OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), offset));
        }
        for (OffsetDateTime time : times) {
            assertThat(Rfc3339.format(time)).as("%s", time).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    private static OffsetDateTime javaTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
