package io.kedge.store.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.store.TestReadings;
import io.kedge.store.TestRejections;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies {@code storeRejected} over HTTP as the broker delivers validate's rejected replies:
 * one point of {@code rejected_readings} at the event's time whatever the original was, queried
 * back; 400 with a message for what cannot be a rejected reading.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, restrictToAnnotatedClass = true)
class RejectedFunctionTest {

    private static final String DATABASE = "sensor_data";

    @Test
    void rejectedReadingIsStoredAtTheEventsTimeAnd204() {
        Instant at = TestReadings.uniqueTime();

        post(at, json(TestRejections.tooHot("pi-http-rejected", "attic"))).then().statusCode(204).body(emptyString());

        assertThat(pointsAt(at)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("device", "pi-http-rejected")
                .containsEntry("location", "attic")
                .containsEntry("code", "out_of_range")
                .containsEntry("count", 1)
                .containsEntry("messages", TestRejections.TOO_HOT.message()));
    }

    @Test
    void theSameRejectionDeliveredTwiceIsOnePoint() {
        Instant at = TestReadings.uniqueTime();
        String data = json(TestRejections.tooHot("pi-http-twice", null));
        String id = "pi-http-twice-dht11-" + at + "/rejected";

        event(id, at).body(data).post("/").then().statusCode(204);
        event(id, at).body(data).post("/").then().statusCode(204);

        assertThat(pointsAt(at)).hasSize(1);
    }

    /** Exactly what validate replies: its Jackson output, the original quoted as received. */
    static Stream<Arguments> originals() {
        return Stream.of(
                Arguments.of("a reading", "{\"deviceId\":\"pi-orig\",\"temperature\":75}", "pi-orig"),
                Arguments.of("a number", "42", "unknown"),
                Arguments.of("a string", "\"hello\"", "unknown"),
                Arguments.of("an array", "[1,2,{\"deviceId\":\"pi-x\"}]", "unknown"),
                Arguments.of("null", "null", "unknown"),
                // deep, within the gate's nesting limit (deeper data is the gate's 400)
                Arguments.of("deeply nested", "{\"a\":".repeat(90) + "1" + "}".repeat(90), "unknown"),
                Arguments.of("a numeric deviceId", "{\"deviceId\":7}", "unknown"),
                Arguments.of("a deviceId with a line feed", "{\"deviceId\":\"pi\\nx\"}", "unknown"));
    }

    @ParameterizedTest(name = "original {0}")
    @MethodSource("originals")
    void anyOriginalIsStoredNeverA500(String name, String original, String device) {
        Instant at = TestReadings.uniqueTime();
        String data = "{\"original\":" + original + ",\"violations\":[{\"code\":\"wrong_type\",\"field\":\"$\","
                + "\"message\":\"the data is no object\"}]}";

        post(at, data).then().statusCode(204);

        assertThat(pointsAt(at)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("device", device).containsEntry("code", "wrong_type"));
    }

    static Stream<Arguments> badRequests() {
        String tooHot = json(TestRejections.tooHot("pi-1", null));
        return Stream.of(
                Arguments.of("no violations", "{\"original\":{},\"violations\":[]}", true,
                        "'violations' is empty"),
                Arguments.of("no ce-time", tooHot, false,
                        "the event has no time"),
                Arguments.of("violations missing", "{\"original\":{}}", true,
                        "is not a rejected reading in JSON (application/json): a required member is missing or null"),
                Arguments.of("violations not a list", "{\"original\":{},\"violations\":\"hot\"}", true,
                        "is not a rejected reading in JSON"),
                Arguments.of("data not an object", "[1,2,3]", true,
                        "is not a rejected reading in JSON"));
    }

    @ParameterizedTest(name = "{0} is 400")
    @MethodSource("badRequests")
    void whatCannotBeARejectedReadingIs400WithAMessage(String name, String data, boolean withTime, String message) {
        RequestSpecification request = withTime ? event(UUID.randomUUID().toString(), TestReadings.uniqueTime())
                : event(UUID.randomUUID().toString(), null);

        request.body(data).post("/").then().statusCode(400)
                .body("error", equalTo("invalid rejected reading"))
                .body("problems", hasItem(containsString(message)));
    }

    @Test
    void aTimeInfluxDbCannotStoreIs400() {
        event(UUID.randomUUID().toString(), Instant.parse("2300-01-01T00:00:00Z")).body(json(TestRejections.tooHot("pi-1", null)))
                .post("/").then().statusCode(400)
                .body("problems", hasItem(containsString("outside the years InfluxDB can store")));
    }

    @Test
    void rejectionsCanBePostedToTheirFunctionsOwnPath() {
        Instant at = TestReadings.uniqueTime();

        event(UUID.randomUUID().toString(), at).body(json(TestRejections.tooHot("pi-path", null))).post("/storeRejected")
                .then().statusCode(204);

        assertThat(pointsAt(at)).hasSize(1);
    }

    private static io.restassured.response.Response post(Instant at, String data) {
        return event(UUID.randomUUID().toString(), at).body(data).post("/");
    }

    /** As validate replies: source the function, time the reading's. */
    private static RequestSpecification event(String id, Instant time) {
        RequestSpecification request = given()
                .header("ce-id", id)
                .header("ce-type", EventTypes.READING_REJECTED)
                .header("ce-source", "/functions/validate")
                .header("ce-specversion", "1.0")
                .header("ce-subject", "dht11")
                .contentType("application/json");
        return time == null ? request : request.header("ce-time", time.toString());
    }

    private static String json(Object data) {
        return new String(EventData.toJson(data), StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> pointsAt(Instant at) {
        return InfluxResource.server().rows(DATABASE,
                "SELECT * FROM rejected_readings WHERE time = " + at.toEpochMilli() + "ms");
    }
}
