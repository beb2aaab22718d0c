package io.kedge.fuzz;

import io.kedge.fuzz.target.StoreTarget;
import org.junit.jupiter.api.Test;

/** Verifies that the store function with a real InfluxDB survives 2,000 seeded hostile inputs with every promise kept. */
class StoreFuzzTest {

    @Test
    void keepsEveryPromiseUnderSeededHostileInput() {
        try (StoreTarget target = StoreTarget.start()) {
            SeededRun.assertClean(SeededRun.run(target));
        }
    }
}
