package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.codec.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's store thread hands events straight to delivery, so the client is called from a
 * thread that is not Vert.x's. Before the client moved such calls onto a Vert.x context, about
 * one reply in a hundred arrived with content-length 140 and an empty body, paced like this test.
 */
class VertxSubscriberClientTest {

    private static final String REPLY = "{\"deviceId\":\"pi-livingroom\",\"temperature\":21.5,\"humidity\":40.0,"
            + "\"time\":\"2026-11-28T05:10:24.544Z\",\"quality\":[]}";

    private Vertx vertx;
    private HttpServer server;
    private VertxSubscriberClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> request.response()
                        .putHeader("ce-id", "reply").putHeader("content-type", "application/json").end(REPLY)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client = new VertxSubscriberClient(vertx, 64);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void everyReplyKeepsItsBodyWhenPostsComeFromAThreadOfOurOwn() throws Exception {
        URI target = URI.create("http://127.0.0.1:" + server.actualPort() + "/");
        HttpMessage message = new HttpMessage(Map.of("ce-id", "r"), "{}".getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<SubscriberResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            answers.add(client.post(target, message, Duration.ofSeconds(10)).toCompletableFuture());
            Thread.sleep(2); // paced: a burst reuses busy connections and hides the race
        }
        long empty = 0;
        for (CompletableFuture<SubscriberResponse> answer : answers) {
            SubscriberResponse response = answer.get(10, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            if (!new String(response.message().body(), StandardCharsets.UTF_8).equals(REPLY)) {
                empty++;
            }
        }
        assertThat(empty).as("replies that lost their body").isZero();
    }
}
