package io.kedge.functions.validate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.EventData;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the envelope check against the CloudEvents conformance cases kept by the contract
 * module: a valid envelope passes it, an invalid one gets 400 naming every problem the codec finds.
 */
@QuarkusTest
class EnvelopeConformanceTest {

    // Read in place (surefire runs in the module directory) rather than copied, so there is one copy.
    private static final Path CASES = Path.of("../../eventing/contract/src/test/resources/conformance");

    static Stream<Arguments> validCases() throws IOException {
        return cases("valid-events.json");
    }

    static Stream<Arguments> invalidCases() throws IOException {
        return cases("invalid-events.json");
    }

    @ParameterizedTest(name = "{0} passes the envelope check")
    @MethodSource("validCases")
    void validEnvelopePassesTheEnvelopeCheck(String id, JsonNode event) {
        Response response = post(event);

        // The conformance events are of type io.cloudevents.test, so routing answers 422 after the
        // envelope check has passed; what must not come back is the envelope check's 400.
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("error")).isEqualTo("unhandled event type");
    }

    @ParameterizedTest(name = "{0} is refused with 400 naming the problem")
    @MethodSource("invalidCases")
    void invalidEnvelopeIsABadRequestNamingEveryProblem(String id, JsonNode event) {
        List<String> expected = catchThrowableOfType(InvalidEventException.class,
                () -> CloudEventHttp.decode(new HttpMessage(Map.of("content-type", CloudEventHttp.STRUCTURED_JSON),
                        EventData.toJson(event)))).problems();

        Response response = post(event);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error")).isEqualTo("not a valid CloudEvent");
        assertThat(response.jsonPath().getList("problems", String.class)).isNotEmpty().isEqualTo(expected);
    }

    private static Response post(JsonNode event) {
        return given()
                .contentType(CloudEventHttp.STRUCTURED_JSON)
                .body(EventData.toJson(event))
            .when()
                .post("/");
    }

    private static Stream<Arguments> cases(String file) throws IOException {
        JsonNode tests = EventData.mapper().readTree(Files.readAllBytes(CASES.resolve(file))).get("tests");
        return StreamSupport.stream(tests.spliterator(), false)
                .map(test -> Arguments.of(test.get("id").textValue(), test.get("event")))
                .toList()
                .stream();
    }
}
