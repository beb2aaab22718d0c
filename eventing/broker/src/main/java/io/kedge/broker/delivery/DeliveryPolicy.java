package io.kedge.broker.delivery;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.kedge.broker.resolve.DestinationResolver;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A Knative {@code DeliverySpec} checked and parsed: how often and how patiently an event is
 * offered to a subscriber.
 *
 * @param retry          retries after the first attempt (attempts = retry + 1); 0 without a spec
 * @param backoffPolicy  null when unset
 * @param backoffDelay   null when unset; waits happen only when policy and delay are both set, as in Knative's code
 * @param timeout        per-attempt timeout, null to use the broker-wide default
 * @param deadLetterSink resolved URL, null when unset: dead letters then go to the broker's local queue
 * @param retryAfterMax  cap on an honoured {@code Retry-After}; null for the broker-wide default, zero to ignore the header
 */
public record DeliveryPolicy(int retry, BackoffPolicy backoffPolicy, Duration backoffDelay, Duration timeout,
                             URI deadLetterSink, Duration retryAfterMax) {

    /** No delivery spec anywhere: one attempt, no waits. */
    public static final DeliveryPolicy NONE = new DeliveryPolicy(0, null, null, null, null, null);

    /**
     * Parses {@code spec}; each unusable field is added to {@code problems} under {@code field}.
     *
     * @return the policy, {@link #NONE} when {@code spec} is null
     */
    public static DeliveryPolicy parse(DeliverySpec spec, String field, DestinationResolver resolver, List<String> problems) {
        if (spec == null) {
            return NONE;
        }
        int retry = 0;
        if (spec.getRetry() != null) {
            if (spec.getRetry() < 0) {
                problems.add(field + ".retry: must be 0 or more, got " + spec.getRetry());
            } else {
                retry = spec.getRetry();
            }
        }
        BackoffPolicy policy = null;
        if (spec.getBackoffPolicy() != null) {
            try {
                policy = BackoffPolicy.valueOf(spec.getBackoffPolicy().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(field + ".backoffPolicy: \"" + spec.getBackoffPolicy() + "\" is not linear or exponential");
            }
        }
        Duration delay = duration(spec.getBackoffDelay(), field + ".backoffDelay", problems);
        Duration timeout = duration(spec.getTimeout(), field + ".timeout", problems);
        if (timeout != null && timeout.isZero()) {
            problems.add(field + ".timeout: must be longer than zero");
        }
        Duration retryAfterMax = duration(spec.getRetryAfterMax(), field + ".retryAfterMax", problems);
        URI deadLetterSink = spec.getDeadLetterSink() == null ? null
                : resolver.resolve(spec.getDeadLetterSink(), field + ".deadLetterSink", problems).orElse(null);
        return new DeliveryPolicy(retry, policy, delay, timeout, deadLetterSink, retryAfterMax);
    }

    /** Whether {@code spec} sets any field, which makes a Trigger's spec replace its Broker's. */
    public static boolean isSet(DeliverySpec spec) {
        return spec != null && (spec.getRetry() != null || spec.getBackoffPolicy() != null
                || spec.getBackoffDelay() != null || spec.getTimeout() != null || spec.getDeadLetterSink() != null
                || spec.getRetryAfterMax() != null || spec.getFormat() != null);
    }

    /** How long to wait before retry {@code retryIndex + 1} (the first retry has index 0). */
    public Duration waitBeforeRetry(int retryIndex) {
        if (backoffPolicy == null || backoffDelay == null) {
            return Duration.ZERO;
        }
        return backoffPolicy.wait(backoffDelay, retryIndex);
    }

    /**
     * The wait before retry {@code retryIndex + 1} after a failure that asked for {@code retryAfter}
     * (null when it did not): the larger of the backoff and the {@code Retry-After}, the latter capped
     * by {@code retryAfterMax}, else by {@code defaultRetryAfterMax}. Knative honours the header only
     * when {@code retryAfterMax} is set; this broker honours it by default, and {@code PT0S} turns it off.
     */
    public Duration waitBeforeRetry(int retryIndex, Duration retryAfter, Duration defaultRetryAfterMax) {
        Duration backoff = waitBeforeRetry(retryIndex);
        Duration cap = retryAfterMax == null ? defaultRetryAfterMax : retryAfterMax;
        if (retryAfter == null || cap.isZero()) {
            return backoff;
        }
        Duration asked = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    public int attempts() {
        return retry + 1;
    }

    public Duration timeoutOr(Duration fallback) {
        return timeout == null ? fallback : timeout;
    }

    @Override
    public String toString() {
        return "retry " + retry
                + (backoffPolicy == null ? "" : ", " + backoffPolicy.name().toLowerCase(Locale.ROOT))
                + (backoffDelay == null ? "" : " " + backoffDelay)
                + (timeout == null ? "" : ", timeout " + timeout)
                + (retryAfterMax == null ? "" : ", Retry-After up to " + retryAfterMax)
                + (deadLetterSink == null ? "" : ", dead letters to " + deadLetterSink);
    }

    private static Duration duration(String text, String field, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text.trim());
            if (duration.isNegative()) {
                problems.add(field + ": \"" + text + "\" must not be negative");
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problems.add(field + ": \"" + text + "\" is not an ISO-8601 duration such as PT0.5S or PT2M");
            return null;
        }
    }
}
