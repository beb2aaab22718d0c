package io.kedge.alert.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * One alert rule, with its overrides for a device already applied. Each kind is a small record
 * whose steps are pure functions of the previous {@link SeriesState} and the new sample (or tick),
 * so the same sequence of events always yields the same announcements, in any process.
 */
public sealed interface Rule permits ThresholdRule, RateOfChangeRule, NoDataRule {

    /** Unique name, e.g. {@code temperature-high}; part of the alert fingerprint. */
    String name();

    Severity severity();

    /** The metric watched, or {@code null} for rules about the device itself (no data). */
    Metric metric();

    /** How often an open incident is announced again; {@link Duration#ZERO}: never. */
    Duration repeatInterval();

    /**
     * {@code step} with a repeated announcement added when it announces nothing, the incident is
     * open and the last announcement is at least {@link #repeatInterval()} before {@code now}.
     */
    default Step withRepeat(Step step, Instant now, Double currentValue) {
        SeriesState state = step.state();
        if (step.change() != Change.NONE || !state.firing() || repeatInterval().isZero() || state.announced() == null
                || now.isBefore(state.announced().plus(repeatInterval()))) {
            return step;
        }
        return new Step(state.repeated(now, currentValue), Change.REPEATED);
    }
}
