package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the codec against the CloudEvents project's JSON-format conformance cases. */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STRUCTURED = Map.of("content-type", CloudEventHttp.STRUCTURED_JSON);

    /** The word each invalid case's message must contain, so that it names the problem. */
    private static final Map<String, String> NAMED_PROBLEM = Map.ofEntries(
            Map.entry("invalidNoSpecVersion", "'specversion'"),
            Map.entry("invalidNoId", "'id'"),
            Map.entry("invalidNoType", "'type'"),
            Map.entry("invalidNoSource", "'source'"),
            Map.entry("invalidTimeGarbage", "\"lunchtime\""),
            Map.entry("invalidTimeToMinute", "\"2018-04-05T18:31Z\""),
            Map.entry("invalidTimeOffsetX", "'time'"),
            Map.entry("invalidTimeOffsetOutOfRange", "\"2018-04-05T18:31:00+25:00\""),
            Map.entry("invalidTimeOffsetNonInteger", "'time'"),
            Map.entry("invalidTimeOffsetHourOnly", "'time'"),
            Map.entry("invalidEmptyId", "'id' must not be empty"),
            Map.entry("invalidEmptyType", "'type' must not be empty"),
            Map.entry("invalidEmptySource", "'source' must not be empty"),
            Map.entry("invalidEmptySpecVersion", "'specversion' must not be empty"),
            Map.entry("invalidUnknownSpecVersion", "\"0.9\""),
            Map.entry("invalidNonRfc2046DataContentType", "\"xyz\""),
            Map.entry("invalidEmptyDataContentType", "'datacontenttype' must not be empty"),
            Map.entry("invalidEmptyDataSchema", "'dataschema' must not be empty"),
            Map.entry("invalidEmptySubject", "'subject' must not be empty"),
            Map.entry("invalidNumericId", "'id' must be a string"),
            Map.entry("invalidObjectId", "'id' must be a string"),
            Map.entry("invalidCapitalizedExtension", "\"MyExtension\""),
            Map.entry("invalidPunctuatedExtension", "\"my.extension\""),
            Map.entry("invalidNonIntegerExtensionValue", "\"my.extension\""),
            Map.entry("invalidBothDataAndDataBase64", "mutually exclusive"));

    static Stream<Arguments> validCases() throws IOException {
        return cases("/conformance/valid-events.json");
    }

    static Stream<Arguments> invalidCases() throws IOException {
        return cases("/conformance/invalid-events.json");
    }

    @ParameterizedTest(name = "{0} decodes in structured mode and survives binary mode")
    @MethodSource("validCases")
    void validCaseDecodesAndRoundTripsThroughBinaryMode(String id, JsonNode event) throws IOException {
        CloudEvent decoded = CloudEventHttp.decode(new HttpMessage(STRUCTURED, JSON.writeValueAsBytes(event)));

        assertThat(decoded.getId()).isEqualTo(event.get("id").textValue());
        assertThat(decoded.getType()).isEqualTo(event.get("type").textValue());
        assertThat(decoded.getSource()).hasToString(event.get("source").textValue());

        CloudEvent again = CloudEventHttp.decode(CloudEventHttp.binary(decoded));
        assertThat(again.getId()).isEqualTo(decoded.getId());
        assertThat(again.getSubject()).isEqualTo(decoded.getSubject());
        assertThat(again.getTime()).isEqualTo(decoded.getTime());
        assertThat(again.getExtensionNames()).isEqualTo(decoded.getExtensionNames());
        assertThat(again.getData() == null ? null : again.getData().toBytes())
                .isEqualTo(decoded.getData() == null ? null : decoded.getData().toBytes());

        CloudEvent viaStructured = CloudEventHttp.decode(CloudEventHttp.structured(decoded));
        assertThat(viaStructured.getId()).isEqualTo(decoded.getId());
        assertThat(viaStructured.getTime()).isEqualTo(decoded.getTime());
    }

    @ParameterizedTest(name = "{0} is rejected with a message naming the problem")
    @MethodSource("invalidCases")
    void invalidCaseIsRejectedNamingTheProblem(String id, JsonNode event) throws IOException {
        byte[] body = JSON.writeValueAsBytes(event);

        assertThatThrownBy(() -> CloudEventHttp.decode(new HttpMessage(STRUCTURED, body)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(NAMED_PROBLEM.get(id));
    }

    private static Stream<Arguments> cases(String resource) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream(resource)) {
            JsonNode tests = JSON.readTree(in).get("tests");
            return StreamSupport.stream(tests.spliterator(), false)
                    .map(test -> Arguments.of(test.get("id").textValue(), test.get("event")))
                    .toList()
                    .stream();
        }
    }
}
