package io.kedge.deploy.check;

import static io.kedge.deploy.Fixtures.image;
import static io.kedge.deploy.Fixtures.storeService;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Fixtures;
import org.junit.jupiter.api.Test;

/** Verifies that a Knative Service that would not scale to zero, or not say how, is reported. */
class ScaleToZeroChecksTest {

    private static final String STORE = storeService(image("kedge-store"), 8082, "", "/q/health/ready");

    @Test
    void aServiceThatScalesToZeroHasNoProblem() {
        assertThat(ScaleToZeroChecks.problems(Fixtures.set(STORE))).isEmpty();
    }

    @Test
    void aMinimumOfOnePodIsReported() {
        String alwaysOn = STORE.replace("min-scale: \"0\"", "min-scale: \"1\"");

        assertThat(ScaleToZeroChecks.problems(Fixtures.set(alwaysOn))).singleElement().asString()
                .endsWith("autoscaling.knative.dev/min-scale is \"1\", expected \"0\" (scale to zero)");
    }

    @Test
    void aRetentionThatIsNoDurationAndAMissingTargetAreReported() {
        String vague = STORE.replace("retention-period: 5m", "retention-period: five minutes")
                .replace("        autoscaling.knative.dev/target: \"50\"\n", "");

        assertThat(ScaleToZeroChecks.problems(Fixtures.set(vague))).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("scale-to-zero-pod-retention-period is \"five minutes\""))
                .anySatisfy(p -> assertThat(p).contains("autoscaling.knative.dev/target is unset"));
    }
}
