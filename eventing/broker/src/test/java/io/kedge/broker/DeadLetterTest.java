package io.kedge.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.kedge.broker.RecordingSubscriber.Request;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies how deliveries end when subscribers keep failing (see src/test/resources/broker-it):
 * Knative's dead-letter sink with the {@code knativeerror*} extensions, the sink retried like any
 * delivery, the local dead-letter queue for Triggers without a sink, its admin API and replay, and
 * the per-attempt timeout and {@code Retry-After}.
 */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class DeadLetterTest {

    private static final String BROKER = "/test/default";

    @Inject
    BrokerRuntime broker;

    private final BrokerTraffic traffic = new BrokerTraffic();
    private final String run = traffic.run;

    @Test
    void deadLetterSinkGetsTheOriginalEventWithKnativesErrorExtensions() {
        long toSinkBefore = broker.metrics().deadLettered();
        CloudEvent event = event("test.dls");

        send(event);

        Request dead = awaitOne("/dead-letters");
        assertThat(requests("/status/500")).as("1 attempt + the trigger's retry: 1").hasSize(2);
        assertThat(dead.header("ce-id")).isEqualTo(event.getId());
        assertThat(dead.header("ce-type")).isEqualTo("test.dls");
        assertThat(dead.body()).isEqualTo(event.getData().toBytes());
        assertThat(dead.header("ce-knativeerrordest")).isEqualTo(subscriber().uri() + "/status/500");
        assertThat(dead.header("ce-knativeerrorcode")).isEqualTo("500");
        assertThat(new String(Base64.getDecoder().decode(dead.header("ce-knativeerrordata")), StandardCharsets.UTF_8))
                .isEqualTo("as configured");
        assertThat(dead.header("ce-knativearrivaltime")).isNotBlank();
        assertThat(broker.metrics().deadLettered() - toSinkBefore).isEqualTo(1);
        assertThat(dlq("test/dead-letter-sink").getList("deadLetters")).as("the sink took it").isEmpty();
    }

    @Test
    void deadLetterSinkIsRetriedWithTheTriggersPolicy() {
        send(event("test.dls.flaky"));

        awaitIdle();
        assertThat(requests("/status/404")).as("404 is retried: 1 attempt + 2 retries").hasSize(3);
        List<Request> sink = requests("/fail-then-ok/1");
        assertThat(sink).as("the sink failed once, then took it").hasSize(2);
        assertThat(sink.get(1).header("ce-knativeerrorcode")).isEqualTo("404");
    }

    @Test
    void withoutASinkTheEventGoesToTheLocalQueueWithItsFailure() {
        subscriber().answer("replay", 503);
        CloudEvent event = event("test.switch");

        send(event);

        JsonPath letter = awaitDeadLetter(event);
        assertThat(letter.getString("trigger")).isEqualTo("test/switch");
        assertThat(letter.getInt("status")).isEqualTo(503);
        assertThat(letter.getString("body")).isEqualTo("switched");
        assertThat(letter.getInt("attempts")).isEqualTo(1);
        assertThat(letter.getString("destination")).isEqualTo(subscriber().uri() + "/switch/replay");
    }

    @Test
    void replayDeliversAndLeavesTheQueue() {
        subscriber().answer("replay", 503);
        CloudEvent event = event("test.switch");
        send(event);
        long id = awaitDeadLetter(event).getLong("id");

        // WHEN the subscriber is back and the dead letter is replayed
        subscriber().answer("replay", 204);
        given().queryParam("id", id).post("/admin/dlq/replay").then().statusCode(200)
                .body("results[0].id", equalTo((int) id))
                .body("results[0].outcome", equalTo("delivered"));

        // THEN the subscriber got the same event again, and the queue no longer holds it
        assertThat(requests("/switch/replay")).hasSize(2)
                .extracting(r -> r.header("ce-id")).containsOnly(event.getId());
        given().get("/admin/dlq/" + id).then().statusCode(404);
    }

    @Test
    void replayThatFailsAgainStaysInTheQueueWithTheNewFailure() {
        subscriber().answer("replay", 503);
        CloudEvent event = event("test.switch");
        send(event);
        long id = awaitDeadLetter(event).getLong("id");

        subscriber().answer("replay", 500);
        given().queryParam("id", id).post("/admin/dlq/replay").then().statusCode(200)
                .body("results[0].outcome", equalTo("failed_again"))
                .body("results[0].detail", containsString("500"));

        JsonPath letter = given().get("/admin/dlq/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(letter.getInt("status")).isEqualTo(500);
        assertThat(letter.getInt("replays")).isEqualTo(1);
        assertThat(letter.getInt("attempts")).isEqualTo(2);
        assertThat(letter.getString("event.id")).isEqualTo(event.getId());
    }

    @Test
    void replayOfATriggerTakesAllItsDeadLettersAndNoOthers() {
        subscriber().answer("replay", 503);
        send(event("test.switch"));
        send(event("test.switch"));
        send(event("test.broken")); // dead-lettered by another trigger
        awaitIdle();
        subscriber().answer("replay", 204);

        JsonPath results = given().queryParam("trigger", "switch").post("/admin/dlq/replay").then().statusCode(200)
                .extract().jsonPath();

        assertThat(results.getList("results.trigger", String.class)).isNotEmpty().containsOnly("test/switch");
        assertThat(results.getList("results.outcome", String.class)).containsOnly("delivered");
        assertThat(dlq("test/switch").getList("deadLetters")).isEmpty();
        assertThat(dlq("test/broken").getList("deadLetters.eventId")).isNotEmpty();
    }

    @Test
    void terminalTextListsShowsAndReportsReplays() {
        subscriber().answer("replay", 503);
        CloudEvent event = event("test.switch");
        send(event);
        long id = awaitDeadLetter(event).getLong("id");

        given().accept("text/plain").queryParam("trigger", "test/switch").get("/admin/dlq").then().statusCode(200)
                .body(containsString("ID"), containsString("TRIGGER"), containsString("ATTEMPTS"),
                        containsString(event.getId()), containsString("test/switch"),
                        containsString("./kedge dlq show ID"));
        given().accept("text/plain").get("/admin/dlq/" + id).then().statusCode(200)
                .body(containsString("Dead letter " + id), containsString("status             503"),
                        containsString("switched"), containsString("\"deviceId\":\"pi-livingroom\""));
        subscriber().answer("replay", 204);
        given().accept("text/plain").queryParam("id", id).post("/admin/dlq/replay").then().statusCode(200)
                .body(containsString("test/switch  delivered"), containsString("1 dead letter: 1 delivered"));
    }

    @Test
    void badAdminRequestsAreRefusedWithAMessage() {
        given().get("/admin/dlq/abc").then().statusCode(400).body("error", containsString("\"abc\""));
        given().get("/admin/dlq/999999").then().statusCode(404).body("error", containsString("no dead letter 999999"));
        given().queryParam("id", "x1").post("/admin/dlq/replay").then().statusCode(400);
        given().queryParam("id", 999999).post("/admin/dlq/replay").then().statusCode(200)
                .body("results[0].outcome", equalTo("not_found"));
    }

    @Test
    void attemptThatOutlivesTheTimeoutFailsWithoutAResponse() {
        CloudEvent event = event("test.slow");

        send(event);

        JsonPath letter = awaitDeadLetter(event);
        assertThat(letter.getInt("status")).as("no response").isZero();
        assertThat(letter.getInt("attempts")).isEqualTo(2);
        assertThat(letter.getString("reason")).contains("200 ms");
    }

    @Test
    void retryAfterLongerThanTheBackoffIsHonoured() {
        send(event("test.retry.after"));

        awaitIdle();
        List<Request> attempts = requests("/retry-after/1");
        assertThat(attempts).hasSize(2);
        Duration gap = Duration.ofNanos(attempts.get(1).receivedNanos() - attempts.get(0).receivedNanos());
        assertThat(gap).as("Retry-After: 1 over a 10 ms backoff").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    private JsonPath awaitDeadLetter(CloudEvent event) {
        Poll.until("event " + event.getId() + " in the dead-letter queue", Duration.ofSeconds(15),
                () -> dlq(null).getList("deadLetters.eventId").contains(event.getId()));
        List<Map<String, Object>> letters = dlq(null).getList("deadLetters");
        long id = letters.stream().filter(l -> event.getId().equals(l.get("eventId"))).findFirst()
                .map(l -> ((Number) l.get("id")).longValue()).orElseThrow();
        return given().get("/admin/dlq/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath dlq(String trigger) {
        var request = given();
        if (trigger != null) {
            request.queryParam("trigger", trigger);
        }
        return request.get("/admin/dlq").then().statusCode(200).extract().jsonPath();
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
        Poll.until("a delivery to " + path, Duration.ofSeconds(10), () -> !requests(path).isEmpty());
        awaitIdle();
        return requests(path).get(0);
    }

    private List<Request> requests(String path) {
        return subscriber().requests(path, run);
    }

    private static RecordingSubscriber subscriber() {
        return RecordingSubscriberResource.subscriber();
    }
}
