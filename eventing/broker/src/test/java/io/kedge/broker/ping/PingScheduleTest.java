package io.kedge.broker.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the next tick of a schedule, from a fixed instant, in the schedule's zone. */
class PingScheduleTest {

    private final List<String> problems = new ArrayList<>();

    private PingSchedule schedule(String cron, String zone) {
        PingSchedule schedule = PingSchedule.parse(cron, zone, problems).orElseThrow(() -> new AssertionError(problems));
        assertThat(problems).isEmpty();
        return schedule;
    }

    @Test
    void everyFiveMinutesFromMidIntervalIsTheNextMultipleOfFive() {
        assertThat(schedule("*/5 * * * *", null).next(Instant.parse("2026-11-27T10:02:30Z")))
                .contains(Instant.parse("2026-11-27T10:05:00Z"));
    }

    @Test
    void aTickExactlyAtItsTimeIsNotRepeated() {
        assertThat(schedule("*/5 * * * *", null).next(Instant.parse("2026-11-27T10:05:00Z")))
                .contains(Instant.parse("2026-11-27T10:10:00Z"));
    }

    @Test
    void emptyScheduleIsEveryMinuteInUtc() {
        PingSchedule schedule = schedule("", "");

        assertThat(schedule.expression()).isEqualTo("* * * * *");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Etc/UTC"));
        assertThat(schedule.next(Instant.parse("2026-11-27T10:02:30Z"))).contains(Instant.parse("2026-11-27T10:03:00Z"));
    }

    @Test
    void timezoneIsHonouredWithDaylightSavingTime() {
        PingSchedule nineInBerlin = schedule("0 9 * * *", "Europe/Berlin");

        // CET (UTC+1) in November, CEST (UTC+2) in July
        assertThat(nineInBerlin.next(Instant.parse("2026-11-27T00:00:00Z"))).contains(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(nineInBerlin.next(Instant.parse("2026-07-01T00:00:00Z"))).contains(Instant.parse("2026-07-01T07:00:00Z"));
        assertThat(schedule("0 9 * * *", "Etc/UTC").next(Instant.parse("2026-11-27T00:00:00Z")))
                .contains(Instant.parse("2026-11-27T09:00:00Z"));
    }

    @Test
    void weekdayFieldIsUnixStyleWithSundayZero() {
        // 2026-11-27 is a Friday; the next Sunday is the 29th
        assertThat(schedule("30 6 * * 0", null).next(Instant.parse("2026-11-27T12:00:00Z")))
                .contains(Instant.parse("2026-11-29T06:30:00Z"));
    }

    @Test
    void badExpressionsAndZonesAreRefusedNamingTheField() {
        assertThat(PingSchedule.parse("* * * *", null, problems)).isEmpty();
        assertThat(PingSchedule.parse("0 0 * * * *", null, problems)).isEmpty();
        assertThat(PingSchedule.parse("61 * * * *", null, problems)).isEmpty();
        assertThat(PingSchedule.parse("* * * * *", "Mars/Olympus", problems)).isEmpty();

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("spec.schedule: \"* * * *\" is not a 5-field cron expression");
        assertThat(problems.get(1)).startsWith("spec.schedule: \"0 0 * * * *\" is not a 5-field cron expression");
        assertThat(problems.get(2)).startsWith("spec.schedule: \"61 * * * *\" is not a valid cron expression");
        assertThat(problems.get(3)).startsWith("spec.timezone: \"Mars/Olympus\" is not a time zone");
    }
}
