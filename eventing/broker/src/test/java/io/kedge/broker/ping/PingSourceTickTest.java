package io.kedge.broker.ping;

import static io.kedge.broker.RecordingSubscriberResource.subscriber;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.broker.BrokerRuntime;
import io.kedge.broker.RecordingSubscriber.Request;
import io.kedge.broker.RecordingSubscriberResource;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Verifies that a tick of a PingSource (src/test/resources/broker-it/tick-source.yaml) enters its
 * broker and reaches the subscriber of the Trigger without filter ({@code audit}), and no Trigger
 * filtering on another type. (No Trigger of its own: IngressHttpTest counts the Triggers.)
 */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class PingSourceTickTest {

    @Inject
    BrokerRuntime broker;

    @Test
    void tickEntersTheBrokerAndReachesTheSubscriberOfAMatchingTrigger() throws Exception {
        PingSourceRoute tick = broker.pings().sources().stream().filter(s -> s.name().equals("tick")).findFirst().orElseThrow();
        // Midnight of 1 January in Berlin, the schedule's own time
        Instant scheduled = Instant.parse("2026-12-31T23:00:00Z");
        assertThat(tick.schedule().next(scheduled.minusSeconds(1))).contains(scheduled);

        CloudEvent sent = broker.pings().fire(tick, scheduled).toCompletableFuture().get(10, TimeUnit.SECONDS);

        Poll.until("the tick at /audit", Duration.ofSeconds(10), () -> !deliveries("/audit", sent).isEmpty());
        Request delivered = deliveries("/audit", sent).get(0);
        assertThat(delivered.header("ce-type")).isEqualTo("dev.knative.sources.ping");
        assertThat(delivered.header("ce-source")).isEqualTo("/apis/v1/namespaces/test/pingsources/tick");
        assertThat(delivered.header("ce-time")).isEqualTo("2026-12-31T23:00:00Z");
        assertThat(delivered.header("ce-testrun")).isEqualTo("ping");
        assertThat(delivered.header("ce-knativearrivaltime")).as("entered through the ingress").isNotBlank();
        assertThat(delivered.header("content-type")).isEqualTo("application/json");
        assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).isEqualTo("{\"check\":\"no-data\"}");
        assertThat(deliveries("/audit", sent)).as("delivered once").hasSize(1);
        assertThat(deliveries("/sink", sent)).as("a Trigger filtering on another type").isEmpty();
    }

    private static List<Request> deliveries(String path, CloudEvent event) {
        return subscriber().requests(path).stream().filter(r -> event.getId().equals(r.header("ce-id"))).toList();
    }
}
