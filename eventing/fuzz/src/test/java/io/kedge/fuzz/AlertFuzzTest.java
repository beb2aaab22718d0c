package io.kedge.fuzz;

import io.kedge.fuzz.target.AlertTarget;
import org.junit.jupiter.api.Test;

/** Verifies that the alert function's event entry, with its state in a real InfluxDB survives 2,000 seeded hostile inputs with every promise kept. */
class AlertFuzzTest {

    @Test
    void keepsEveryPromiseUnderSeededHostileInput() {
        try (AlertTarget target = AlertTarget.start()) {
            SeededRun.assertClean(SeededRun.run(target));
        }
    }
}
