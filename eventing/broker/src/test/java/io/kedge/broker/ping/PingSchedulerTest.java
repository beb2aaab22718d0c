package io.kedge.broker.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import io.kedge.testkit.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Verifies that the scheduler fires at the due time with the scheduled time, and survives a failing sink. */
class PingSchedulerTest {

    private static PingSourceRoute everyMinute() {
        List<String> problems = new ArrayList<>();
        PingSchedule schedule = PingSchedule.parse("* * * * *", null, problems).orElseThrow();
        return new PingSourceRoute("lab", "tick", schedule, null, null, Map.of(),
                PingSink.broker(new BrokerKey("lab", "default")), null);
    }

    @Test
    void firesTheNextTickWhenItIsDueStampedWithItsScheduledTime() {
        // GIVEN a clock 200 ms before a minute starts
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:02:59.800Z"), ZoneOffset.UTC);
        Queue<CloudEvent> emitted = new ConcurrentLinkedQueue<>();

        try (PingScheduler scheduler = new PingScheduler(List.of(everyMinute()), (source, event) -> {
            emitted.add(event);
            return CompletableFuture.completedFuture(null);
        }, clock)) {
            scheduler.start();

            Poll.until("the first tick", Duration.ofSeconds(5), () -> !emitted.isEmpty());
        }
        assertThat(emitted).singleElement()
                .satisfies(event -> assertThat(event.getTime()).hasToString("2026-11-27T10:03Z"));
    }

    @Test
    void failingSinkStillYieldsTheEventAndThrowsNothing() throws Exception {
        PingSourceRoute source = everyMinute();
        try (PingScheduler scheduler = new PingScheduler(List.of(source),
                (s, event) -> CompletableFuture.failedFuture(new IllegalStateException("connection refused")),
                Clock.systemUTC())) {
            CloudEvent event = scheduler.fire(source, Instant.parse("2026-11-27T10:03:00Z"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThat(event.getType()).isEqualTo(PingSourceRoute.TYPE);
        }
    }
}
