package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.broker.RecordingSubscriber;
import io.kedge.broker.filter.EventFilter;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.TriggerRoute;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verifies delivery against a real HTTP subscriber, outside Quarkus: what a reply that cannot be stored does. */
class DeliveryTest {

    private static final CloudEvent READING = ReadingEvents.of(Readings.DHT11_LIVINGROOM);

    private Vertx vertx;
    private VertxSubscriberClient client;
    private RecordingSubscriber subscriber;
    private Delivery delivery;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        client = new VertxSubscriberClient(vertx, 4);
        subscriber = RecordingSubscriber.start();
        delivery = new Delivery(client, (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run()),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Clock.systemUTC(), Delivery.Listener.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        subscriber.close();
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void replyThatCannotBeStoredFailsTheAttemptSoTheOriginalIsRetried() throws Exception {
        AtomicInteger stores = new AtomicInteger();

        DeliveryResult result = delivery.deliver(READING, trigger("/reply/test.answer", 2), reply -> {
            if (stores.incrementAndGet() == 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            return CompletableFuture.completedFuture(null);
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered(200, 2));
        assertThat(subscriber.requests("/reply/test.answer")).as("the original, offered again").hasSize(2);
        assertThat(stores).hasValue(2);
    }

    @Test
    void lastFailureIsReportedWithItsAttempts() throws Exception {
        DeliveryResult result = delivery.deliver(READING, trigger("/status/503", 1), reply -> done())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(2);
            assertThat(gaveUp.last().status()).isEqualTo(503);
            assertThat(gaveUp.last().body()).asString().isEqualTo("as configured");
        });
    }

    @Test
    void deadLetterSinkTakesAnyTwoHundred() throws Exception {
        DeliveryResult result = delivery.deliverToSink(READING, trigger("/unused", 0),
                URI.create(subscriber.uri() + "/garbage")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered(200, 1));
    }

    private TriggerRoute trigger(String path, int retry) {
        return new TriggerRoute("test", "unit", new BrokerKey("test", "default"), URI.create(subscriber.uri() + path),
                EventFilter.MATCH_ALL, new DeliveryPolicy(retry, null, null, null, null, null), Path.of("unit.yaml"));
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
