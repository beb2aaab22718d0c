package io.kedge.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.kedge.contract.fixtures.Readings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies the ingress's HTTP answers, Knative's status codes included, against the running broker. */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class IngressHttpTest {

    /** A broker without Triggers: what is accepted there goes nowhere. */
    private static final String QUIET = "/test/quiet";
    // The contract module's copy of the CloudEvents conformance cases; relative to this module's directory.
    private static final Path CONFORMANCE = Path.of("../contract/src/test/resources/conformance");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STRUCTURED = Map.of("content-type", CloudEventHttp.STRUCTURED_JSON);

    @Test
    void binaryModeReadingIsAccepted() {
        Http.post(QUIET, CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM)))
                .then().statusCode(202).body(emptyString());
    }

    @Test
    void structuredModeReadingIsAccepted() {
        Http.post(QUIET, CloudEventHttp.structured(ReadingEvents.of(Readings.BME280_OFFICE))).then().statusCode(202);
    }

    @Test
    void trailingSlashIsTolerated() {
        Http.post(QUIET + "/", CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM))).then().statusCode(202);
    }

    @Test
    void optionsNamesTheAllowedMethods() {
        given().options(QUIET).then().statusCode(200).header("Allow", "POST, OPTIONS");
    }

    @ParameterizedTest(name = "{0} is not allowed")
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodsAreNotAllowed(String method) {
        given().request(method, QUIET).then().statusCode(405).header("Allow", "POST, OPTIONS");
    }

    @Test
    void rootIsNotFound() {
        Http.post("/", CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM))).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} is a bad request")
    @ValueSource(strings = {"/test", "/test/quiet/extra", "/a/b/c"})
    void pathOtherThanNamespaceAndBrokerIsABadRequest(String path) {
        Http.post(path, CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM)))
                .then().statusCode(400).body(containsString("is not /{namespace}/{broker}"));
    }

    @Test
    void unknownBrokerIsNotFoundWithAMessage() {
        Http.post("/test/nope", CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM)))
                .then().statusCode(404).body(containsString("no broker /test/nope here"));
    }

    static Stream<Arguments> validConformanceCases() throws IOException {
        return conformance("valid-events.json");
    }

    static Stream<Arguments> invalidConformanceCases() throws IOException {
        return conformance("invalid-events.json");
    }

    @ParameterizedTest(name = "{0} is accepted")
    @MethodSource("validConformanceCases")
    void validConformanceEventIsAccepted(String id, JsonNode event) throws IOException {
        Http.post(QUIET, new HttpMessage(STRUCTURED, JSON.writeValueAsBytes(event))).then().statusCode(202);
    }

    @ParameterizedTest(name = "{0} is rejected naming the problem")
    @MethodSource("invalidConformanceCases")
    void invalidConformanceEventIsRejectedNamingTheProblem(String id, JsonNode event) throws IOException {
        HttpMessage message = new HttpMessage(STRUCTURED, JSON.writeValueAsBytes(event));
        // The contract's ConformanceTest proves each codec message names its problem; here it must reach the sender.
        String problem = catchThrowableOfType(InvalidEventException.class, () -> CloudEventHttp.decode(message)).getMessage();

        Http.post(QUIET, message).then().statusCode(400).body(equalTo(problem + "\n"));
    }

    static Stream<Arguments> invalidBinaryRequests() {
        Map<String, String> base = Map.of("ce-specversion", "1.0", "ce-id", "b-1", "ce-source", "/devices/pi-1",
                "ce-type", "io.kedge.reading.v1", "content-type", "application/json");
        return Stream.of(
                Arguments.of("no ce-id", without(base, "ce-id"), "{}", "missing required attribute 'id'"),
                Arguments.of("unknown specversion", with(base, "ce-specversion", "0.9"), "{}", "\"0.9\""),
                Arguments.of("time without zone offset", with(base, "ce-time", "2026-11-27T10:15:30"), "{}", "'time'"),
                Arguments.of("overlong UTF-8 escape", with(base, "ce-subject", "%C0%A0"), "{}", "ce-subject"),
                Arguments.of("ce-datacontenttype header", with(base, "ce-datacontenttype", "application/json"), "{}",
                        "'ce-datacontenttype' must not be sent"),
                Arguments.of("empty dataschema",
                        with(base, "ce-dataschema", ""), "{}", "'dataschema' must not be empty"),
                Arguments.of("plain JSON without any CloudEvent", Map.of("content-type", "application/json"), "{}",
                        "this request carries no CloudEvent"),
                Arguments.of("batched mode", Map.of("content-type", CloudEventHttp.BATCH_JSON), "[]", "batched mode"));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("invalidBinaryRequests")
    void invalidBinaryRequestIsRejectedNamingTheProblem(String name, Map<String, String> headers, String body, String problem) {
        Http.post(QUIET, new HttpMessage(headers, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(400).body(containsString(problem));
    }

    @Test
    void eventWithItsLastHopIsRejected() {
        CloudEvent looping = CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM))
                .withExtension("knativebrokerttl", 1)
                .build();

        Http.post(QUIET, CloudEventHttp.binary(looping)).then().statusCode(400).body(containsString("reached 0"));
    }

    @Test
    void eventUpToTheSizeLimitIsAcceptedAndLargerIsTooLarge() {
        Http.post(QUIET, CloudEventHttp.binary(ofSize(256 * 1024))).then().statusCode(202);

        Http.post(QUIET, CloudEventHttp.binary(ofSize(256 * 1024 + 1)))
                .then().statusCode(413).body(containsString("event larger than 262144 bytes"));
    }

    @Test
    void healthIsUpAndCountsTriggers() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kedge-broker' }.data.triggers", equalTo(16));
    }

    private static CloudEvent ofSize(int bytes) {
        return CloudEventBuilder.v1()
                .withId("big-" + bytes)
                .withSource(java.net.URI.create("/devices/pi-big"))
                .withType("test.big")
                .withDataContentType("application/octet-stream")
                .withData(new byte[bytes])
                .build();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> base, String name) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.remove(name);
        return copy;
    }

    private static Stream<Arguments> conformance(String file) throws IOException {
        JsonNode tests = JSON.readTree(CONFORMANCE.resolve(file).toFile()).get("tests");
        assertThat(tests).as("conformance cases in " + file).isNotEmpty();
        return StreamSupport.stream(tests.spliterator(), false)
                .map(test -> Arguments.of(test.get("id").textValue(), test.get("event")))
                .toList()
                .stream();
    }
}
