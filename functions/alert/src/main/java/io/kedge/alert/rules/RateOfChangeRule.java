package io.kedge.alert.rules;

import java.time.Duration;

/**
 * Fires when a metric changed by more than {@code delta} within {@code window} (e.g. more than
 * 5 °C in 10 minutes), and resolves once the change within the window is back to
 * {@code clearDelta} or less. The change is the latest value against the lowest (rising) or
 * highest (falling) value in the window ({@link RateWindow}). Value and threshold of the alert
 * are the change and {@code delta}, negative for a fall.
 *
 * @param trend      which way counts: {@code RISING}, {@code FALLING} or {@code ANY}
 * @param clearDelta at most {@code delta}; equal to it means no hysteresis
 * @param slices     how finely the window is kept ({@link RateWindow}); 1 to 100
 */
public record RateOfChangeRule(
        String name,
        Severity severity,
        Metric metric,
        double delta,
        double clearDelta,
        Duration window,
        Trend trend,
        int slices,
        Duration repeatInterval) implements Rule {

    public enum Trend { RISING, FALLING, ANY }

    public Step step(SeriesState state, Sample sample) {
        RateWindow window = RateWindow.decode(state.window()).add(sample.time(), sample.value(), this.window, slices);
        SeriesState next = state.withWindow(window.encode());
        double rise = round(sample.value() - window.min());
        double fall = round(window.max() - sample.value());
        boolean falling = trend == Trend.FALLING || (trend == Trend.ANY && fall > rise);
        double change = falling ? fall : rise;
        double sign = falling ? -1 : 1;
        if (!next.firing() && change > delta) {
            return new Step(next.fired(sample.time(), sign * change, sign * delta), Change.FIRED);
        }
        if (next.firing() && change <= clearDelta) {
            return new Step(next.resolved(sample.time(), sign * change, sign * clearDelta), Change.RESOLVED);
        }
        return Step.unchanged(next);
    }

    /** Readings carry one or two decimals; differences of doubles must not fire on 5.000000000000001. */
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
