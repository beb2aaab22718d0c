package io.kedge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** When a step counts as saturated: the broker no longer keeps up with the offered load. */
final class Saturation {

    /** Delivered below this share of offered means the broker falls behind. */
    static final double KEEPS_UP = 0.95;

    /**
     * The reasons a step is saturated, joined; null when it kept up: delivered below 95 % of
     * offered, any 503 or error, events lost or never sent, or p99 above {@code maxP99}.
     */
    static String reason(int offered, double deliveredPerSecond, long accepted, long delivered, long backpressure,
                         long errors, long unsent, double p99Millis, Duration maxP99) {
        List<String> reasons = new ArrayList<>();
        if (deliveredPerSecond < KEEPS_UP * offered) {
            reasons.add(String.format(Locale.ROOT, "delivered %.0f %% of offered", 100 * deliveredPerSecond / offered));
        }
        if (backpressure > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d × 503", backpressure));
        }
        if (errors > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d errors", errors));
        }
        if (unsent > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d never sent (generator behind)", unsent));
        }
        if (delivered < accepted) {
            reasons.add(String.format(Locale.ROOT, "%,d accepted but not delivered", accepted - delivered));
        }
        if (p99Millis > maxP99.toNanos() / 1e6) {
            reasons.add(String.format(Locale.ROOT, "p99 %.0f ms > %d ms", p99Millis, maxP99.toMillis()));
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private Saturation() {
    }
}
