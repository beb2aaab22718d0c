package io.kedge.fuzz;

import io.kedge.fuzz.target.BrokerTarget;
import org.junit.jupiter.api.Test;

/** Verifies that the broker's ingress (POST /kedge/default, eventing/k8s manifests, subscribers recorded) survives 2,000 seeded hostile inputs with every promise kept. */
class BrokerFuzzTest {

    @Test
    void keepsEveryPromiseUnderSeededHostileInput() {
        try (BrokerTarget target = BrokerTarget.start()) {
            SeededRun.assertClean(SeededRun.run(target));
        }
    }
}
