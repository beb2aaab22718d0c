package io.kedge.fuzz;

import io.kedge.fuzz.target.ValidateTarget;
import org.junit.jupiter.api.Test;

/** Verifies that the validate function, each validated reading posted on to a real store survives 2,000 seeded hostile inputs with every promise kept. */
class ValidateFuzzTest {

    @Test
    void keepsEveryPromiseUnderSeededHostileInput() {
        try (ValidateTarget target = ValidateTarget.start()) {
            SeededRun.assertClean(SeededRun.run(target));
        }
    }
}
