package io.kedge.fuzz;

import io.kedge.fuzz.target.GrafanaTarget;
import org.junit.jupiter.api.Test;

/** Verifies that the alert function's Grafana webhook, with token and HMAC signature configured survives 2,000 seeded hostile inputs with every promise kept. */
class GrafanaFuzzTest {

    @Test
    void keepsEveryPromiseUnderSeededHostileInput() {
        try (GrafanaTarget target = GrafanaTarget.start()) {
            SeededRun.assertClean(SeededRun.run(target));
        }
    }
}
