package io.kedge.fuzz.gen;

import io.kedge.fuzz.http.FuzzRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One generated input: a seed and the mutations applied to it, each with its own random stream,
 * so that any subset of the steps replays exactly (what shrinking needs).
 */
public final class FuzzCase {

    /** One mutation with the seed of its own random choices. */
    public record Step(Mutation mutation, long seed) {
    }

    private final long index;
    private final Seed seed;
    private final long seedSeed;
    private final List<Step> steps;
    private final Surface surface;
    private final Instant now;

    FuzzCase(long index, Seed seed, long seedSeed, List<Step> steps, Surface surface, Instant now) {
        this.index = index;
        this.seed = seed;
        this.seedSeed = seedSeed;
        this.steps = List.copyOf(steps);
        this.surface = surface;
        this.now = now;
    }

    public long index() {
        return index;
    }

    public Seed seed() {
        return seed;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The same case with only {@code kept} of its steps, for shrinking. */
    public FuzzCase withSteps(List<Step> kept) {
        return new FuzzCase(index, seed, seedSeed, kept, surface, now);
    }

    /** Builds the request: the seed's draft, then every step in order. */
    public FuzzRequest request() {
        Draft draft = seed.make(index, now, new Random(seedSeed));
        for (Step step : steps) {
            step.mutation().apply(draft, new Random(step.seed()), surface, now);
        }
        return draft.toRequest();
    }

    /** {@code #index seed+mutation+mutation}: what was done, for tables and reproducers. */
    public String label() {
        List<String> names = new ArrayList<>();
        names.add(seed.name());
        steps.forEach(step -> names.add(step.mutation().name()));
        return "#" + index + " " + names.stream().collect(Collectors.joining(" + "));
    }

    @Override
    public String toString() {
        return label();
    }
}
