package io.kedge.fuzz.gen;

import java.time.Instant;
import java.util.Random;

/**
 * One way to damage a request, named so that a failing case reads as a list of what was done to
 * a valid input. A mutation that does not apply to a draft (a structured-only change of a binary
 * event) leaves it as it is.
 *
 * @param weight how often it is drawn, relative to the others
 */
public record Mutation(String name, int weight, Change change) {

    /** The change itself: random choices only from {@code random}, so a case replays exactly. */
    @FunctionalInterface
    public interface Change {
        void apply(Draft draft, Random random, Surface surface, Instant now);
    }

    public void apply(Draft draft, Random random, Surface surface, Instant now) {
        change.apply(draft, random, surface, now);
    }
}
