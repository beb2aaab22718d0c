package io.kedge.alert.rules;

import java.time.Duration;

/**
 * Fires when a metric stays above (or below) a level for a while, and resolves when it crosses a
 * separate clear level, so that a value hovering at the level does not flap.
 *
 * <ul>
 *   <li>The condition holds for a value strictly beyond {@code level}.
 *   <li>It fires on the reading at which the condition has held for at least {@code holdFor}
 *       (sample times, from the first reading that met it) and for at least {@code consecutive}
 *       readings in a row. A reading that does not meet it ends the pending phase.
 *   <li>It resolves on the first reading at or back beyond {@code clear} ({@code <= clear} for
 *       above, {@code >= clear} for below). Between the two levels an open incident stays open.
 * </ul>
 *
 * @param direction   {@code ABOVE} or {@code BELOW}
 * @param level       the level the value must cross to fire
 * @param clear       the level it must get back to for the incident to resolve
 * @param holdFor     how long the condition must hold before firing; zero fires at once
 * @param consecutive how many readings in a row must meet it; at least 1
 */
public record ThresholdRule(
        String name,
        Severity severity,
        Metric metric,
        Direction direction,
        double level,
        double clear,
        Duration holdFor,
        int consecutive,
        Duration repeatInterval) implements Rule {

    public enum Direction { ABOVE, BELOW }

    public Step step(SeriesState state, Sample sample) {
        double value = sample.value();
        if (state.firing()) {
            boolean cleared = direction == Direction.ABOVE ? value <= clear : value >= clear;
            return cleared ? new Step(state.resolved(sample.time(), value, clear), Change.RESOLVED) : Step.unchanged(state);
        }
        boolean breached = direction == Direction.ABOVE ? value > level : value < level;
        if (!breached) {
            return Step.unchanged(state.status() == Status.PENDING ? state.calm() : state);
        }
        boolean pending = state.status() == Status.PENDING;
        var since = pending ? state.pendingSince() : sample.time();
        int count = pending ? state.count() + 1 : 1;
        if (count >= consecutive && !sample.time().isBefore(since.plus(holdFor))) {
            return new Step(state.fired(sample.time(), value, level), Change.FIRED);
        }
        return Step.unchanged(state.pending(since, count));
    }
}
