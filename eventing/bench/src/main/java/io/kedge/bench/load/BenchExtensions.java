package io.kedge.bench.load;

/**
 * CloudEvent extension attributes a benchmark adds to its events so the subscriber can measure
 * them. Lower-case alphanumeric names, as CloudEvents requires; the broker passes extensions on.
 */
public final class BenchExtensions {

    /** {@link System#nanoTime()} at which the event was due to be sent; valid in the sending JVM only. */
    public static final String SENT = "benchsent";
    /** The phase (warm-up, step, burst) the event belongs to, so late deliveries count where they belong. */
    public static final String PHASE = "benchphase";
    /** The event's index within its load, to count duplicates and losses. */
    public static final String SEQ = "benchseq";

    private BenchExtensions() {
    }
}
