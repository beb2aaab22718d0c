package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.RecordingBroker;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Verifies that events reach the sink in binary mode, and that any refusal fails the send with a 503. */
class HttpEventSinkTest {

    // One per test (JUnit makes an instance per test): each starts with nothing recorded, answering 202.
    private final RecordingBroker broker = RecordingBroker.start();

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/functions/test"))
                .withType("io.kedge.test.v1")
                .withDataContentType("application/json")
                .withData("{\"n\":1}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static HttpEventSink sink(String url) {
        return new HttpEventSink(URI.create(url), Duration.ofSeconds(5), "test");
    }

    @Test
    void everyEventArrivesInBinaryMode() {
        sink(broker.url()).send(List.of(event("a"), event("b")));

        assertThat(broker.events()).extracting(CloudEvent::getId).containsExactlyInAnyOrder("a", "b");
        assertThat(broker.requests()).allSatisfy(request -> {
            assertThat(request.header("ce-type")).isEqualTo("io.kedge.test.v1");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        });
    }

    @Test
    void aRefusalFailsTheSendWithA503NamingTheEvents() {
        broker.answer(503);

        assertThatThrownBy(() -> sink(broker.url()).send(List.of(event("a"))))
                .isInstanceOf(SinkFailedException.class)
                .hasMessage("1 of 1 test event(s) not accepted by " + broker.url() + ": event a answered 503 ")
                .satisfies(e -> {
                    assertThat(((SinkFailedException) e).status()).isEqualTo(503);
                    assertThat(((SinkFailedException) e).error()).isEqualTo("test sink unavailable");
                });
    }

    @Test
    void anUnreachableSinkFailsTheSend() {
        String nobody = "http://127.0.0.1:" + FreePorts.next() + "/";

        assertThatThrownBy(() -> sink(nobody).send(List.of(event("a"))))
                .isInstanceOf(SinkFailedException.class)
                .hasMessageStartingWith("1 of 1 test event(s) not accepted by " + nobody + ": unreachable: ");
    }

    @Test
    void aSubclassThrowsItsFunctionsOwnFailure() {
        class OwnFailure extends SinkFailedException {
            OwnFailure(String message) {
                super("own", message);
            }
        }
        HttpEventSink sink = new HttpEventSink(URI.create(broker.url()), Duration.ofSeconds(5), "test") {
            @Override
            protected SinkFailedException failure(String message) {
                return new OwnFailure(message);
            }
        };
        broker.answer(400);

        assertThatThrownBy(() -> sink.send(List.of(event("a")))).isInstanceOf(OwnFailure.class);
    }

    @Test
    void aLargeSendKeepsAtMostSixteenPostsInFlightAndDeliversEveryEvent() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<String> received = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(64);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        slow.setExecutor(threads);
        slow.createContext("/", exchange -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                exchange.getRequestBody().readAllBytes();
                received.add(exchange.getRequestHeaders().getFirst("ce-id"));
                Thread.sleep(20); // long enough for every POST the sink would start to overlap
                exchange.sendResponseHeaders(202, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
                exchange.close();
            }
        });
        slow.start();
        try {
            List<CloudEvent> events = IntStream.range(0, 200).mapToObj(i -> event("e" + i)).toList();

            sink("http://127.0.0.1:" + slow.getAddress().getPort()).send(events);

            assertThat(received).hasSize(200);
            assertThat(most.get()).isBetween(2, HttpEventSink.MAX_IN_FLIGHT);
        } finally {
            slow.stop(0);
            threads.shutdownNow();
        }
    }
}
