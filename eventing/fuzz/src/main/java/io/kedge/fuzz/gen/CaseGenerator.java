package io.kedge.fuzz.gen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws fuzz cases: case {@code i} of seed {@code s} is always the same (given the same clock
 * reading), whatever the order or the threads that draw it. About one case in twelve is a seed
 * left intact, so that the paths that accept input are exercised as well as those that refuse.
 */
public final class CaseGenerator {

    private static final double UNMUTATED = 1.0 / 12;
    private static final int MAX_STEPS = 5;

    private final long seed;
    private final List<Seed> seeds;
    private final List<Mutation> bag;
    private final Surface surface;
    private final Instant now;

    public CaseGenerator(long seed, List<Seed> seeds, Surface surface, Instant now) {
        this(seed, seeds, Mutations.weighted(), surface, now);
    }

    public CaseGenerator(long seed, List<Seed> seeds, List<Mutation> bag, Surface surface, Instant now) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds to fuzz from");
        }
        this.seed = seed;
        this.seeds = List.copyOf(seeds);
        this.bag = List.copyOf(bag);
        this.surface = surface;
        this.now = now;
    }

    public FuzzCase next(long index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Seed base = seeds.get(random.nextInt(seeds.size()));
        long seedSeed = random.nextLong();
        List<FuzzCase.Step> steps = new ArrayList<>();
        if (random.nextDouble() >= UNMUTATED) {
            // 1 step most often, then geometrically fewer: single faults point at their cause.
            int n = 1;
            while (n < MAX_STEPS && random.nextDouble() < 0.35) {
                n++;
            }
            for (int i = 0; i < n; i++) {
                steps.add(new FuzzCase.Step(bag.get(random.nextInt(bag.size())), random.nextLong()));
            }
        }
        return new FuzzCase(index, base, seedSeed, steps, surface, now);
    }

    /** Stafford's mix13 of the run's seed and the case index: independent streams per case. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
