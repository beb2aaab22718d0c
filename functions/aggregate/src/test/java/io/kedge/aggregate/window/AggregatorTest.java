package io.kedge.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the window arithmetic on recorded sequences ({@link Recorded}): when windows close (by
 * tick, by a later reading), what a late reading does within and beyond the grace, and what the
 * summaries hold. One minute windows with ten seconds of grace unless a case says otherwise.
 */
class AggregatorTest {

    private static final WindowSpec MINUTE = new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(10));

    static Stream<Arguments> sequences() {
        return Stream.of(
                sequence("a window closes when a tick reaches its end plus grace, and only once",
                        "0:05 21.0 | 0:35 22.0 | tick 1:09 | tick 1:10 | tick 2:10",
                        "tick 1:10 -> pi-1 temperature 0:00 n=2 min=21.0 max=22.0 mean=21.5 last=22.0@0:35"),
                sequence("a reading within the grace leaves the previous window open; one after it closes it",
                        "0:05 21.0 | 1:05 22.0 | 1:10 23.0",
                        "1:10 23.0 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:05"),
                sequence("a late reading within the grace still counts in its window",
                        "0:50 21.0 | 1:02 22.0 | 0:55 23.0 | 1:12 22.5",
                        "1:12 22.5 -> pi-1 temperature 0:00 n=2 min=21.0 max=23.0 mean=22.0 last=23.0@0:55"),
                sequence("a reading later than the grace is dropped and counted",
                        "0:50 21.0 | 1:15 22.0 | 0:58 30.0",
                        "1:15 22.0 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:50",
                        "0:58 30.0 -> late pi-1 temperature"),
                sequence("a reading for a window a tick closed is late",
                        "0:50 21.0 | tick 1:10 | 0:59 30.0",
                        "tick 1:10 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:50",
                        "0:59 30.0 -> late pi-1 temperature"),
                sequence("a reading for a window that never opened is late once a tick passed its end plus grace",
                        "tick 1:10 | 0:30 21.0 | 1:30 22.0 | tick 2:10",
                        "0:30 21.0 -> late pi-1 temperature",
                        "tick 2:10 -> pi-1 temperature 1:00 n=1 min=22.0 max=22.0 mean=22.0 last=22.0@1:30"),
                sequence("the same sample time twice counts once, as a redelivered reading must",
                        "0:10 21.0 | 0:10 21.0 | 0:20 23.0 | tick 1:10",
                        "tick 1:10 -> pi-1 temperature 0:00 n=2 min=21.0 max=23.0 mean=22.0 last=23.0@0:20"),
                sequence("last is the value of the latest sample time, not of the latest arrival",
                        "0:40 22.0 | 0:20 20.0 | tick 1:10",
                        "tick 1:10 -> pi-1 temperature 0:00 n=2 min=20.0 max=22.0 mean=21.0 last=22.0@0:40"),
                sequence("a reading closes the device's windows of every metric, also of one it does not carry",
                        "0:10 21.0/45 | 1:20 22.0/-",
                        "1:20 22.0/- -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:10",
                        "1:20 22.0/- -> pi-1 humidity 0:00 n=1 min=45.0 max=45.0 mean=45.0 last=45.0@0:10"),
                sequence("every metric the reading carries is summarised, pressure when present",
                        "0:10 21.0/45/1013.2 | 0:40 21.4/44/1013.0 | tick 1:10",
                        "tick 1:10 -> pi-1 temperature 0:00 n=2 min=21.0 max=21.4 mean=21.2 last=21.4@0:40",
                        "tick 1:10 -> pi-1 humidity 0:00 n=2 min=44.0 max=45.0 mean=44.5 last=44.0@0:40",
                        "tick 1:10 -> pi-1 pressure 0:00 n=2 min=1013.0 max=1013.2 mean=1013.1 last=1013.0@0:40"),
                sequence("devices are windowed apart: a reading closes only its own device's windows",
                        "pi-1 0:10 21.0 | pi-2 0:20 18.0 | pi-1 1:30 21.5 | tick 1:30 | tick 2:40",
                        "pi-1 1:30 21.5 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:10",
                        "tick 1:30 -> pi-2 temperature 0:00 n=1 min=18.0 max=18.0 mean=18.0 last=18.0@0:20",
                        "tick 2:40 -> pi-1 temperature 1:00 n=1 min=21.5 max=21.5 mean=21.5 last=21.5@1:30"),
                sequence("windows without readings give no summary",
                        "0:10 21.0 | 3:30 22.0 | tick 4:10",
                        "3:30 22.0 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:10",
                        "tick 4:10 -> pi-1 temperature 3:00 n=1 min=22.0 max=22.0 mean=22.0 last=22.0@3:30"),
                sequence("a tick older than the latest tick changes nothing",
                        "0:10 21.0 | tick 0:50 | tick 0:30 | tick 1:09 | tick 1:10",
                        "tick 1:10 -> pi-1 temperature 0:00 n=1 min=21.0 max=21.0 mean=21.0 last=21.0@0:10"),
                sequence(new WindowSpec(Duration.ofMinutes(5), Duration.ZERO),
                        "five-minute windows start at multiples of five minutes; without grace a reading at the end closes the window",
                        "2:00 21.0 | 4:59 22.0 | 5:00 23.0 | tick 10:00",
                        "5:00 23.0 -> pi-1 temperature 0:00 n=2 min=21.0 max=22.0 mean=21.5 last=22.0@4:59",
                        "tick 10:00 -> pi-1 temperature 5:00 n=1 min=23.0 max=23.0 mean=23.0 last=23.0@5:00"),
                sequence(new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(90)),
                        "a grace longer than the window keeps two windows open at once",
                        "0:30 21.0 | 1:30 22.0 | 2:20 23.0 | 0:40 21.5 | 2:30 24.0 | tick 3:29 | tick 3:30",
                        "2:30 24.0 -> pi-1 temperature 0:00 n=2 min=21.0 max=21.5 mean=21.25 last=21.5@0:40",
                        "tick 3:30 -> pi-1 temperature 1:00 n=1 min=22.0 max=22.0 mean=22.0 last=22.0@1:30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void recordedSequence(String behaviour, WindowSpec spec, String events, List<String> expected) {
        assertThat(Recorded.run(spec, events)).as(events).containsExactlyElementsOf(expected);
    }

    private static Arguments sequence(String behaviour, String events, String... expected) {
        return sequence(MINUTE, behaviour, events, expected);
    }

    private static Arguments sequence(WindowSpec spec, String behaviour, String events, String... expected) {
        return Arguments.of(behaviour, spec, events, List.of(expected));
    }
}
