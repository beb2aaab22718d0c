package io.kedge.fuzz.gen;

import java.time.Instant;
import java.util.Random;

/**
 * A valid input of a target, the starting point of every fuzz case: named, and made afresh per
 * case so that ids stay unique and sample times recent.
 */
public record Seed(String name, Maker maker) {

    /** Builds the draft of case {@code index}. */
    @FunctionalInterface
    public interface Maker {
        Draft make(long index, Instant now, Random random);
    }

    public Draft make(long index, Instant now, Random random) {
        return maker.make(index, now, random);
    }
}
