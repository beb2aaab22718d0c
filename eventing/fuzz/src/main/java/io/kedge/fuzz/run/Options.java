package io.kedge.fuzz.run;

import java.time.Duration;

/**
 * How a run goes.
 *
 * @param tries         inputs to send
 * @param seed          the seed of every random choice: same seed, same inputs
 * @param concurrency   sending threads, each with its own keep-alive connection
 * @param timeout       longest wait for one answer before it counts as a hang
 * @param progressEvery interval of the progress lines
 */
public record Options(long tries, long seed, int concurrency, Duration timeout, Duration progressEvery) {

    public Options {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be 1..64, got " + concurrency);
        }
    }

    /** The seeded run of the tests: 2,000 inputs, two senders. */
    public static Options seeded(long tries, long seed) {
        return new Options(tries, seed, 2, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
