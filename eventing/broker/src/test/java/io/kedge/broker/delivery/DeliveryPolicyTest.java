package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.DeliverySpecBuilder;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.resolve.ServiceDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the retry arithmetic of Knative's dispatcher code (knative-cloudevents.md §2.9). */
class DeliveryPolicyTest {

    private final DestinationResolver resolver = new DestinationResolver(ServiceDirectory.load(Path.of("none"), Map.of()));

    @Test
    void exponentialWaitsDoubleFromTheDelay() {
        DeliveryPolicy policy = parse(new DeliverySpecBuilder().withRetry(4).withBackoffPolicy("exponential")
                .withBackoffDelay("PT0.2S").build());

        assertThat(policy.attempts()).isEqualTo(5);
        assertThat(List.of(policy.waitBeforeRetry(0), policy.waitBeforeRetry(1), policy.waitBeforeRetry(2),
                policy.waitBeforeRetry(3)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
    }

    @Test
    void linearWaitsGrowByTheDelayStartingImmediately() {
        DeliveryPolicy policy = parse(new DeliverySpecBuilder().withRetry(3).withBackoffPolicy("linear")
                .withBackoffDelay("PT1S").build());

        assertThat(List.of(policy.waitBeforeRetry(0), policy.waitBeforeRetry(1), policy.waitBeforeRetry(2)))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void withoutPolicyAndDelayBothSetThereIsNoWait() {
        DeliveryPolicy delayOnly = parse(new DeliverySpecBuilder().withRetry(2).withBackoffDelay("PT1S").build());

        assertThat(delayOnly.waitBeforeRetry(1)).isZero();
    }

    @Test
    void noSpecMeansOneAttempt() {
        assertThat(DeliveryPolicy.NONE.attempts()).isEqualTo(1);
        assertThat(DeliveryPolicy.NONE.timeoutOr(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterLongerThanTheBackoffIsTheWait() {
        DeliveryPolicy policy = parse(new DeliverySpecBuilder().withRetry(3).withBackoffPolicy("exponential")
                .withBackoffDelay("PT0.1S").build());

        assertThat(policy.waitBeforeRetry(0, Duration.ofSeconds(2), Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.waitBeforeRetry(0, Duration.ofMillis(50), Duration.ofMinutes(5)))
                .as("the backoff when it is longer").isEqualTo(Duration.ofMillis(100));
        assertThat(policy.waitBeforeRetry(0, null, Duration.ofMinutes(5))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retryAfterIsCappedByRetryAfterMaxElseTheBrokerDefault() {
        DeliveryPolicy capped = parse(new DeliverySpecBuilder().withRetry(1).withRetryAfterMax("PT10S").build());
        DeliveryPolicy uncapped = parse(new DeliverySpecBuilder().withRetry(1).build());

        assertThat(capped.waitBeforeRetry(0, Duration.ofHours(1), Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(10));
        assertThat(uncapped.waitBeforeRetry(0, Duration.ofHours(1), Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterMaxOfZeroIgnoresTheHeader() {
        DeliveryPolicy off = parse(new DeliverySpecBuilder().withRetry(1).withRetryAfterMax("PT0S").build());

        assertThat(off.waitBeforeRetry(0, Duration.ofSeconds(30), Duration.ofMinutes(5))).isZero();
    }

    @Test
    void everyUnusableFieldIsReported() {
        List<String> problems = new ArrayList<>();

        DeliveryPolicy.parse(new DeliverySpecBuilder().withRetry(-1).withBackoffPolicy("random")
                .withBackoffDelay("1s").withTimeout("PT0S").build(), "spec.delivery", resolver, problems);

        assertThat(problems).containsExactly(
                "spec.delivery.retry: must be 0 or more, got -1",
                "spec.delivery.backoffPolicy: \"random\" is not linear or exponential",
                "spec.delivery.backoffDelay: \"1s\" is not an ISO-8601 duration such as PT0.5S or PT2M",
                "spec.delivery.timeout: must be longer than zero");
    }

    private DeliveryPolicy parse(DeliverySpec spec) {
        List<String> problems = new ArrayList<>();
        DeliveryPolicy policy = DeliveryPolicy.parse(spec, "spec.delivery", resolver, problems);
        assertThat(problems).isEmpty();
        return policy;
    }
}
