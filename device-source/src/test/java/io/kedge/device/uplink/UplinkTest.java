package io.kedge.device.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventTypes;
import io.kedge.device.RecordingSink;
import io.kedge.device.TestEvents;
import io.kedge.device.forward.Backoff;
import io.kedge.device.forward.CeOverrides;
import io.kedge.device.forward.DurableBuffer;
import io.kedge.device.forward.HttpEventSender;
import io.kedge.device.forward.StoreAndForward;
import io.kedge.testkit.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies what the uplink keeps, forwards and drops, against a recording upstream. */
class UplinkTest {

    private static final Set<String> TYPES = Set.of(EventTypes.SUMMARY, EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED);

    @TempDir
    Path dir;

    private Uplink uplinkTo(RecordingSink upstream, long maxBytes) {
        return Uplink.to(new StoreAndForward(DurableBuffer.open(dir, new DurableBuffer.Limits(1000, maxBytes, true)),
                new HttpEventSender(URI.create(upstream.url()), CeOverrides.NONE, Duration.ofSeconds(5)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC(), 1, Duration.ofSeconds(10)),
                TYPES);
    }

    @Test
    void summariesAreKeptAndForwardedUpstreamInOrderUnchanged() {
        List<CloudEvent> summaries = TestEvents.summaries(0, 20);
        try (RecordingSink upstream = RecordingSink.start(); Uplink uplink = uplinkTo(upstream, 1 << 20)) {
            for (CloudEvent summary : summaries) {
                assertThat(uplink.accept(summary).toCompletableFuture().join()).isEqualTo(Uplink.Outcome.KEPT);
            }

            Poll.until("20 summaries upstream", Duration.ofSeconds(20), () -> upstream.acceptedIds().size() == 20);
            assertThat(upstream.acceptedIds()).isEqualTo(TestEvents.ids(summaries));
            assertThat(upstream.acceptedEvents().get(0)).isEqualTo(summaries.get(0));
            // The sink records a request before it answers; the forwarder counts it once the answer is in.
            Poll.until("20 counted as sent", Duration.ofSeconds(20),
                    () -> uplink.stats().forwarding().orElseThrow().sent() == 20);
        }
    }

    @Test
    void aTypeTheUplinkDoesNotCarryIsDroppedAndCounted() {
        try (RecordingSink upstream = RecordingSink.start(); Uplink uplink = uplinkTo(upstream, 1 << 20)) {
            assertThat(uplink.accept(TestEvents.reading(1)).toCompletableFuture().join())
                    .isEqualTo(Uplink.Outcome.TYPE_NOT_ALLOWED);

            assertThat(uplink.stats().notAllowed()).isEqualTo(1);
            assertThat(uplink.stats().forwarding().orElseThrow().buffered()).isZero();
        }
    }

    @Test
    void anEventLargerThanTheWholeBufferIsNotKept() {
        CloudEvent large = CloudEventBuilder.v1(TestEvents.summary(0)).withData(new byte[8192]).build();
        try (RecordingSink upstream = RecordingSink.start(); Uplink uplink = uplinkTo(upstream, 4096)) {
            assertThat(uplink.accept(large).toCompletableFuture().join()).isEqualTo(Uplink.Outcome.NOT_KEPT);

            assertThat(uplink.stats().forwarding().orElseThrow().storeFailed()).isEqualTo(1);
        }
    }

    @Test
    void withoutAnUpstreamEverythingIsDroppedAndCounted() {
        try (Uplink uplink = Uplink.none(TYPES)) {
            assertThat(uplink.accept(TestEvents.summary(0)).toCompletableFuture().join()).isEqualTo(Uplink.Outcome.NO_UPLINK);
            assertThat(uplink.accept(TestEvents.summary(1)).toCompletableFuture().join()).isEqualTo(Uplink.Outcome.NO_UPLINK);

            assertThat(uplink.stats()).isEqualTo(new Uplink.Stats(java.util.Optional.empty(), 2, 0));
            assertThat(uplink.isHealthy()).isTrue();
        }
    }
}
