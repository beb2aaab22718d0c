package io.kedge.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.RecordingSubscriber.Request;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verifies delivery from the broker to a real HTTP subscriber (see src/test/resources/broker-it for
 * the Triggers): binary mode, filters, replies re-entering the broker, the TTL that ends reply
 * loops, and retries.
 */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class DispatchTest {

    private static final String BROKER = "/test/default";

    @Inject
    BrokerRuntime broker;

    private final BrokerTraffic traffic = new BrokerTraffic();
    private final String run = traffic.run;

    @Test
    void deliversInBinaryModeWithPreferReplyArrivalTimeAndWithoutTtl() {
        // GIVEN a reading sent in structured mode
        CloudEvent reading = event("test.chain.next");

        Http.post(BROKER, CloudEventHttp.structured(reading)).then().statusCode(202);

        // THEN the subscriber receives it in binary mode, data untouched
        Request delivered = awaitOne("/sink");
        assertThat(delivered.header("ce-id")).isEqualTo(reading.getId());
        assertThat(delivered.header("ce-type")).isEqualTo("test.chain.next");
        assertThat(delivered.header("ce-source")).isEqualTo("/devices/pi-livingroom");
        assertThat(delivered.header("ce-subject")).isEqualTo("dht11");
        assertThat(delivered.header("ce-time")).isEqualTo("2026-11-27T10:15:30Z");
        assertThat(delivered.header("content-type")).isEqualTo("application/json");
        assertThat(delivered.body()).isEqualTo(reading.getData().toBytes());
        assertThat(delivered.header("prefer")).isEqualTo("reply");
        assertThat(delivered.header("ce-knativearrivaltime")).isNotBlank();
        assertThat(delivered.headers()).doesNotContainKey("ce-knativebrokerttl");
    }

    @Test
    void triggerWithoutFilterReceivesEveryEventAndOthersOnlyTheirType() {
        send(event("test.chain.next"));

        awaitIdle();
        assertThat(subscriber().requests("/audit", run)).hasSize(1);
        assertThat(subscriber().requests("/sink", run)).hasSize(1);
        assertThat(subscriber().requests("/reply/test.chain.next", run)).isEmpty();
    }

    @Test
    void replyReentersTheBrokerAndReachesTheTriggerOfItsType() {
        long repliesBefore = broker.metrics().replies();

        send(event("test.chain.start"));

        awaitIdle();
        assertThat(subscriber().requests("/reply/test.chain.next", run)).hasSize(1);
        Request next = awaitOne("/sink");
        assertThat(next.header("ce-type")).isEqualTo("test.chain.next");
        assertThat(next.header("ce-source")).isEqualTo("/test/recording-subscriber");
        assertThat(next.headers()).doesNotContainKey("ce-knativebrokerttl");
        assertThat(subscriber().requests("/audit", run)).extracting(r -> r.header("ce-type"))
                .containsExactlyInAnyOrder("test.chain.start", "test.chain.next");
        assertThat(broker.metrics().replies() - repliesBefore).isEqualTo(1);
    }

    @Test
    void replyLoopEndsWhenTheTtlRunsOut() {
        long droppedBefore = broker.metrics().repliesDroppedByTtl();
        CloudEvent looping = CloudEventBuilder.from(event("test.loop")).withExtension("knativebrokerttl", 5).build();

        send(looping);

        // TTL 5 becomes 4 at ingress; deliveries with 4, 3, 2, 1 hops left; the fifth reply is dropped.
        awaitIdle();
        assertThat(subscriber().requests("/echo", run)).hasSize(4);
        assertThat(broker.metrics().repliesDroppedByTtl() - droppedBefore).isEqualTo(1);
    }

    @Test
    void defaultTtlBoundsAReplyLoopTo255Deliveries() {
        send(event("test.loop"));

        awaitIdle();
        assertThat(subscriber().requests("/echo", run)).hasSize(255);
    }

    @Test
    void retryableFailureIsRetriedUntilItSucceeds() {
        long deliveredBefore = broker.metrics().delivered();

        send(event("test.flaky"));

        awaitIdle();
        List<Request> attempts = subscriber().requests("/fail-then-ok/2", run);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(r -> r.header("ce-id")).containsOnly(attempts.get(0).header("ce-id"));
        assertThat(broker.metrics().delivered() - deliveredBefore).isEqualTo(2); // flaky, and audit
    }

    @Test
    void persistentFailureIsGivenUpAfterTheBrokersRetries() {
        long gaveUpBefore = broker.metrics().deadLettered();

        send(event("test.broken"));

        awaitIdle();
        assertThat(subscriber().requests("/status/500", run)).as("1 attempt + broker's retry: 2").hasSize(3);
        // Counted once the dead letter's queue entry is committed, a moment after the backlog empties.
        Poll.until("the dead letter to be counted", Duration.ofSeconds(10),
                () -> broker.metrics().deadLettered() - gaveUpBefore >= 1);
        assertThat(broker.metrics().deadLettered() - gaveUpBefore).isEqualTo(1);
    }

    @Test
    void badRequestIsNotRetried() {
        send(event("test.refused"));

        awaitIdle();
        assertThat(subscriber().requests("/status/400", run)).hasSize(1);
    }

    @Test
    void answerWithABodyThatIsNoEventCountsAsFailureAndIsRetried() {
        send(event("test.garbage"));

        awaitIdle();
        assertThat(subscriber().requests("/garbage", run)).as("1 attempt + the trigger's retry: 1").hasSize(2);
    }

    @Test
    void emptyFilterValueRequiresTheExtensionToExist() {
        send(event("test.site"));
        send(CloudEventBuilder.from(event("test.site")).withExtension("site", "garage").build());

        awaitIdle();
        assertThat(subscriber().requests("/site", run)).singleElement()
                .satisfies(r -> assertThat(r.header("ce-site")).isEqualTo("garage"));
    }

    private CloudEvent event(String type) {
        return traffic.event(type);
    }

    private static void send(CloudEvent event) {
        BrokerTraffic.send(event);
    }

    private void awaitIdle() {
        BrokerTraffic.awaitIdle(broker);
    }

    private Request awaitOne(String path) {
        Poll.until("a delivery to " + path, Duration.ofSeconds(10), () -> !subscriber().requests(path, run).isEmpty());
        awaitIdle();
        return subscriber().requests(path, run).get(0);
    }

    private static RecordingSubscriber subscriber() {
        return RecordingSubscriberResource.subscriber();
    }
}
