package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** What InfluxDB holds of one device, set against what was sent. */
final class StoredReadings {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /**
     * Waits until InfluxDB holds {@code expected} points of {@code device}, with a line of
     * progress every 10 s.
     *
     * @return the seconds it took
     */
    static double await(FaultStack stack, String device, long expected, Duration within, Supplier<String> detail) {
        long begin = System.nanoTime();
        long[] lastReport = {begin};
        Poll.until(expected + " points of " + device + " in InfluxDB", within, Duration.ofMillis(250), () -> {
            long stored = stack.storedCount(device);
            if (System.nanoTime() - lastReport[0] > REPORT_EVERY.toNanos()) {
                lastReport[0] = System.nanoTime();
                Progress.log("draining %s: %d of %d stored; broker backlog %s: %.0f", device, stored, expected,
                        FaultStack.STORE_TRIGGER, stack.brokerMetric("kedge_broker_backlog", FaultStack.STORE_TRIGGER));
            }
            return stored >= expected;
        }, () -> stack.storedCount(device) + " stored; " + detail.get());
        return (System.nanoTime() - begin) / 1e9;
    }

    /**
     * Asserts that InfluxDB holds each sample time of {@code sent} once and nothing else: no
     * reading lost, none stored twice (a duplicate with other tags would be a second point at the
     * same time), none that was not sent.
     */
    static void assertStoredOnce(FaultStack stack, String device, Set<Long> sent) {
        List<Long> stored = stack.storedTimes(device);
        Set<Long> distinct = new HashSet<>(stored);
        Set<Long> missing = new TreeSet<>(sent);
        missing.removeAll(distinct);
        Set<Long> extra = new TreeSet<>(distinct);
        extra.removeAll(sent);
        Progress.log("%s: sent %d, stored %d points (%d distinct sample times), missing %d, not sent %d",
                device, sent.size(), stored.size(), distinct.size(), missing.size(), extra.size());
        assertThat(stored).as("points of %s, one per sample time", device).hasSize(distinct.size());
        assertThat(missing).as("readings of %s sent but not stored (first: %s)", device, first(missing)).isEmpty();
        assertThat(extra).as("points of %s never sent", device).isEmpty();
        assertThat(stored).hasSize(sent.size());
    }

    private static String first(Set<Long> times) {
        return times.stream().limit(5).map(t -> Instant.ofEpochMilli(t).toString()).toList().toString();
    }

    /**
     * Lets a fault last {@code length} (the outage is what is under test, not a condition to wait
     * for), reporting every 10 s.
     */
    static void hold(Duration length, Runnable report) {
        long begin = System.nanoTime();
        long[] lastReport = {begin};
        Poll.until("the end of a " + length.toSeconds() + " s outage", length.plusSeconds(30), Duration.ofMillis(100), () -> {
            if (System.nanoTime() - lastReport[0] > REPORT_EVERY.toNanos()) {
                lastReport[0] = System.nanoTime();
                report.run();
            }
            return System.nanoTime() - begin >= length.toNanos();
        }, null);
    }

    private StoredReadings() {
    }
}
