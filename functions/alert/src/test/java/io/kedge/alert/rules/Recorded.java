package io.kedge.alert.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded sequences for rule tests, written compactly: {@code "0s:29 60s:31 2m:31.5"} is a
 * reading every so many seconds/minutes after {@link #START} with its value; for no-data rules
 * {@code "r:0s t:6m"} are readings and ticks. What a rule announces is written back the same way:
 * {@code "fired@2m"}, {@code "resolved@5m"}, {@code "repeated@10m"}.
 */
final class Recorded {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    /** Runs {@code rule} over the readings, from the initial state; returns what it announced. */
    static List<String> run(ThresholdRule rule, String readings) {
        return run(readings, (state, sample) -> rule.withRepeat(rule.step(state, sample), sample.time(), sample.value()));
    }

    static List<String> run(RateOfChangeRule rule, String readings) {
        return run(readings, (state, sample) -> rule.step(state, sample));
    }

    /** Readings ({@code r:}) and ticks ({@code t:}) for a no-data rule, as the engine drives it. */
    static List<String> runNoData(NoDataRule rule, String events) {
        List<String> announced = new ArrayList<>();
        SeriesState state = SeriesState.INITIAL;
        Instant lastSeen = null;
        for (String event : events.trim().split("\\s+")) {
            String[] parts = event.split(":");
            Instant at = at(parts[1]);
            Step step;
            if (parts[0].equals("r")) {
                step = rule.seen(state, at, lastSeen);
                lastSeen = at;
            } else {
                step = rule.withRepeat(rule.check(state, lastSeen, at), at, null);
            }
            state = step.state();
            note(step, state, announced);
        }
        return announced;
    }

    /** The last state after the readings, for assertions on values. */
    static SeriesState last(ThresholdRule rule, String readings) {
        SeriesState state = SeriesState.INITIAL;
        for (Sample sample : samples(readings)) {
            state = rule.step(state, sample).state();
        }
        return state;
    }

    private static List<String> run(String readings, java.util.function.BiFunction<SeriesState, Sample, Step> step) {
        List<String> announced = new ArrayList<>();
        SeriesState state = SeriesState.INITIAL;
        for (Sample sample : samples(readings)) {
            Step next = step.apply(state, sample);
            state = next.state();
            note(next, state, announced);
        }
        return announced;
    }

    private static void note(Step step, SeriesState state, List<String> announced) {
        Instant at = switch (step.change()) {
            case FIRED -> state.startsAt();
            case REPEATED -> state.announced();
            case RESOLVED -> state.endsAt();
            case NONE -> null;
        };
        if (at != null) {
            announced.add(step.change().name().toLowerCase() + "@" + offset(at));
        }
    }

    static List<Sample> samples(String readings) {
        List<Sample> samples = new ArrayList<>();
        for (String reading : readings.trim().split("\\s+")) {
            String[] parts = reading.split(":");
            samples.add(new Sample(at(parts[0]), Double.parseDouble(parts[1])));
        }
        return samples;
    }

    static Instant at(String offset) {
        return START.plus(Durations.parse(offset));
    }

    /** {@code 90s} back as {@code 90s}, whole minutes as {@code 2m}. */
    static String offset(Instant at) {
        long seconds = Duration.between(START, at).toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private Recorded() {
    }
}
