package io.kedge.deploy.check;

import static io.kedge.deploy.Fixtures.image;
import static io.kedge.deploy.Fixtures.storeService;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Fixtures;
import org.junit.jupiter.api.Test;

/** Verifies the Pi placement check: node selector on every pod, and the memory budget of one 1 GB Pi. */
class PiPlacementTest {

    private static final String STORE = storeService(image("kedge-store"), 8082, "", "/q/health/ready");
    private static final String ON_A_PI = STORE.replace("      containers:\n",
            "      nodeSelector: {kubernetes.io/arch: arm64, kedge.io/raspberry-pi: \"true\"}\n      containers:\n");

    @Test
    void aServicePlacedOnAPiPasses() {
        assertThat(PiPlacement.problems(Fixtures.set(ON_A_PI))).isEmpty();
        assertThat(PiPlacement.requestedMebibytes(Fixtures.set(ON_A_PI))).as("96 MiB + a queue-proxy").isEqualTo(126);
    }

    @Test
    void aServiceWithoutTheSelectorIsReported() {
        assertThat(PiPlacement.problems(Fixtures.set(STORE))).containsExactlyInAnyOrder(
                "fixture.yaml: Service kedge/kedge-store: nodeSelector kubernetes.io/arch is null, expected arm64",
                "fixture.yaml: Service kedge/kedge-store: nodeSelector kedge.io/raspberry-pi is null, expected true");
    }

    @Test
    void requestsBeyondWhatAPiLeavesForPodsAreReported() {
        String hungry = ON_A_PI.replace("memory: 96Mi", "memory: 700Mi").replace("memory: 192Mi", "memory: 800Mi");

        assertThat(PiPlacement.problems(Fixtures.set(hungry))).singleElement().asString()
                .isEqualTo("the pods request 730 MiB of memory (queue-proxies included), more than the 720 MiB a 1 GB Pi leaves for pods");
    }
}
