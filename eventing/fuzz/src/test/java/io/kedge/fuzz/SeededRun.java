package io.kedge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.fuzz.run.FuzzRun;
import io.kedge.fuzz.run.Options;
import io.kedge.fuzz.run.Result;
import io.kedge.fuzz.run.ResultTable;
import io.kedge.fuzz.run.Violation;
import io.kedge.fuzz.target.Target;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The seeded run every target's test makes: 2,000 inputs from a fixed seed, then the verdict. Known
 * issues (reported bugs not yet fixed) are logged, not failed; anything else fails with its
 * reproducer.
 */
final class SeededRun {

    static final long SEED = 20261128L;
    static final int TRIES = 2_000;
    private static final System.Logger LOG = System.getLogger(SeededRun.class.getName());

    static Result run(Target target) {
        Result result = FuzzRun.run(target, Options.seeded(TRIES, SEED), line -> LOG.log(System.Logger.Level.INFO, line));
        LOG.log(System.Logger.Level.INFO, ResultTable.markdown(List.of(result), SEED, ResultTable.machine()));
        return result;
    }

    /**
     * Every input sent and judged, no finding beyond the known issues (a 5xx or a crash is a finding,
     * so it fails here unless it is a reported one), and both kinds of answer common.
     */
    static void assertClean(Result result) {
        assertThat(result.violations())
                .as("findings of %s (seed %d):%n%s", result.target(), SEED, describe(result.violations()))
                .isEmpty();
        assertThat(result.inputs()).isEqualTo(TRIES);
        // A generator that only produces garbage proves nothing about the paths that accept input.
        assertThat(result.ok()).as("2xx answers").isGreaterThan(TRIES / 20);
        assertThat(result.clientError()).as("4xx answers").isGreaterThan(TRIES / 5);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::describe).collect(Collectors.joining("\n"));
    }

    private SeededRun() {
    }
}
