package io.kedge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** When a step counts as saturated: the system under test no longer keeps up with the offered load. */
final class Saturation {

    /** Delivered (or accepted) below this share of offered means the system falls behind. */
    static final double KEEPS_UP = 0.95;

    /**
     * A broker step: the reasons it is saturated, joined; null when it kept up: delivered below
     * 95 % of offered, any 503 or error, events lost or never sent, or p99 above {@code maxP99}.
     */
    static String reason(int offered, double deliveredPerSecond, long accepted, long delivered, long backpressure,
                         long errors, long unsent, double p99Millis, Duration maxP99) {
        List<String> reasons = new ArrayList<>();
        belowOffered(reasons, "delivered", offered, deliveredPerSecond);
        if (backpressure > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d × 503", backpressure));
        }
        failures(reasons, errors, unsent);
        if (delivered < accepted) {
            reasons.add(String.format(Locale.ROOT, "%,d accepted but not delivered", accepted - delivered));
        }
        slow(reasons, p99Millis, maxP99);
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /**
     * A step against a function, judged by its answers: accepted (2xx) below 95 % of offered, any
     * other status, any transport error or event never sent, or p99 above {@code maxP99}.
     */
    static String ofAnswers(int offered, double acceptedPerSecond, long non2xx, long errors, long unsent, double p99Millis,
                            Duration maxP99) {
        List<String> reasons = new ArrayList<>();
        belowOffered(reasons, "accepted", offered, acceptedPerSecond);
        if (non2xx > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d non-2xx", non2xx));
        }
        failures(reasons, errors, unsent);
        slow(reasons, p99Millis, maxP99);
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /**
     * An end-to-end step, judged by what InfluxDB holds: stored below 95 % of offered, any 503 or
     * error, readings never sent, readings accepted but not stored once drained, alerts missing, or
     * sample → stored p99 above {@code maxP99}.
     */
    static String ofStored(int offered, double storedPerSecond, long backpressure, long errors, long unsent,
                           long accepted, long stored, long alertsExpected, long alertsFired, double p99Millis,
                           Duration maxP99) {
        List<String> reasons = new ArrayList<>();
        belowOffered(reasons, "stored", offered, storedPerSecond);
        if (backpressure > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d × 503", backpressure));
        }
        failures(reasons, errors, unsent);
        if (stored < accepted) {
            reasons.add(String.format(Locale.ROOT, "%,d sent but not stored", accepted - stored));
        }
        if (alertsFired < alertsExpected) {
            reasons.add(String.format(Locale.ROOT, "%,d alerts missing", alertsExpected - alertsFired));
        }
        slow(reasons, p99Millis, maxP99);
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private static void belowOffered(List<String> reasons, String what, int offered, double perSecond) {
        if (perSecond < KEEPS_UP * offered) {
            reasons.add(String.format(Locale.ROOT, "%s %.0f %% of offered", what, 100 * perSecond / offered));
        }
    }

    private static void failures(List<String> reasons, long errors, long unsent) {
        if (errors > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d errors", errors));
        }
        if (unsent > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d never sent (generator behind)", unsent));
        }
    }

    private static void slow(List<String> reasons, double p99Millis, Duration maxP99) {
        if (p99Millis > maxP99.toNanos() / 1e6) {
            reasons.add(String.format(Locale.ROOT, "p99 %.0f ms > %d ms", p99Millis, maxP99.toMillis()));
        }
    }

    private Saturation() {
    }
}
