package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void eventsAreDueAtEvenIntervalsFromTheStart() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 1_000);

        assertThat(schedule.timeOf(0)).isEqualTo(1_000);
        assertThat(schedule.timeOf(1)).isEqualTo(1_000 + 1_000_000);
        assertThat(schedule.timeOf(10_000)).isEqualTo(1_000 + 10_000_000_000L);
    }

    /** Verifies that a period that is no whole number of nanoseconds does not accumulate rounding into drift. */
    @Test
    void aFractionalPeriodDoesNotDrift() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);

        assertThat(schedule.timeOf(1)).isEqualTo(333_333_333);
        assertThat(schedule.timeOf(2)).isEqualTo(666_666_667);
        assertThat(schedule.timeOf(3)).isEqualTo(1_000_000_000);
        assertThat(schedule.timeOf(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void timesNeverGoBackwards() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(-5_000, 7_777);
        long previous = Long.MIN_VALUE;
        for (long i = 0; i < 100_000; i++) {
            long time = schedule.timeOf(i);
            assertThat(time).isGreaterThan(previous);
            previous = time;
        }
    }

    @Test
    void countsTheEventsOfADuration() {
        assertThat(new OpenLoopSchedule(0, 200).countWithin(Duration.ofSeconds(1))).isEqualTo(200);
        assertThat(new OpenLoopSchedule(0, 1_000).countWithin(Duration.ofMillis(2_500))).isEqualTo(2_500);
        assertThat(new OpenLoopSchedule(0, 0.5).countWithin(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(new OpenLoopSchedule(0, 1_000).countWithin(Duration.ZERO)).isZero();
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Double.NaN)).hasMessageContaining("NaN");
    }
}
