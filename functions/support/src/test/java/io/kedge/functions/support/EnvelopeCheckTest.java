package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.codec.HttpMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeCheckTest {

    private static final Set<String> HANDLED = Set.of("io.kedge.alert.fired.v1", "io.kedge.alert.resolved.v1");

    private static HttpMessage binary(String type, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-id", "1");
        headers.put("ce-source", "/t");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-type", type);
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new HttpMessage(headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventOfAnyHandledTypeWithJsonDataPasses() {
        assertThatCode(() -> EnvelopeCheck.check(binary("io.kedge.alert.resolved.v1", "application/json", "{}"), HANDLED))
                .doesNotThrowAnyException();
    }

    @Test
    void passedEventHandsOnItsParsedDataSoThatNobodyParsesItAgain() {
        JsonNode data = EnvelopeCheck.check(binary("io.kedge.alert.fired.v1", "application/json", "{\"value\":NaN}"), HANDLED);

        assertThat(data.get("value").isNumber()).isTrue();
        assertThat(data.get("value").doubleValue()).isNaN();
    }

    @Test
    void structuredEventHandsOnItsDataMemberEvenWhenItIsJsonNull() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/t\",\"type\":\"io.kedge.alert.fired.v1\","
                + "\"datacontenttype\":\"application/json\",\"data\":%s}";
        Map<String, String> headers = Map.of("content-type", "application/cloudevents+json");

        JsonNode object = EnvelopeCheck.check(new HttpMessage(headers, event.formatted("{\"a\":1}").getBytes(StandardCharsets.UTF_8)), HANDLED);
        JsonNode nothing = EnvelopeCheck.check(new HttpMessage(headers, event.formatted("null").getBytes(StandardCharsets.UTF_8)), HANDLED);

        assertThat(object.get("a").intValue()).isEqualTo(1);
        assertThat(nothing.isNull()).isTrue();
    }

    @Test
    void unhandledTypeIs422NamingEveryHandledType() {
        RequestProblem problem = catchThrowableOfType(RequestProblem.class,
                () -> EnvelopeCheck.check(binary("io.kedge.reading.v1", "application/json", "{}"), HANDLED));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.getMessage()).contains("io.kedge.alert.fired.v1", "io.kedge.alert.resolved.v1",
                "got \"io.kedge.reading.v1\"");
    }

    @Test
    void missingDataIs400() {
        RequestProblem problem = catchThrowableOfType(RequestProblem.class,
                () -> EnvelopeCheck.check(binary("io.kedge.alert.fired.v1", "application/json", null), HANDLED));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("carries no data");
    }

    @Test
    void brokenJsonIs400QuotingTheParserAndNotAStackTrace() {
        RequestProblem problem = catchThrowableOfType(RequestProblem.class,
                () -> EnvelopeCheck.check(binary("io.kedge.alert.fired.v1", "application/json", "{\"a\":"), HANDLED));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("is not JSON").doesNotContain("\tat ");
        assertThat(new String(problem.json(), StandardCharsets.UTF_8)).startsWith("{\"status\":400");
    }

    @Test
    void requestWithoutCloudEventIs400() {
        RequestProblem problem = catchThrowableOfType(RequestProblem.class,
                () -> EnvelopeCheck.check(new HttpMessage(Map.of("content-type", "application/json"), "{}".getBytes()), HANDLED));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("carries no CloudEvent");
    }
    @Test
    void dataNestedDeeperThanAnyReplyCouldQuoteIs400() {
        int depth = JsonData.MAX_DEPTH + 1;
        String deep = "[".repeat(depth) + "]".repeat(depth);

        RequestProblem problem = catchThrowableOfType(RequestProblem.class,
                () -> EnvelopeCheck.check(binary("io.kedge.alert.fired.v1", "application/json", deep), HANDLED));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("more than " + JsonData.MAX_DEPTH + " levels deep");
    }

    @Test
    void dataNestedToTheLimitPasses() {
        int depth = JsonData.MAX_DEPTH;
        String deep = "[".repeat(depth) + "]".repeat(depth);

        assertThatCode(() -> EnvelopeCheck.check(binary("io.kedge.alert.fired.v1", "application/json", deep), HANDLED))
                .doesNotThrowAnyException();
    }

    @Test
    void structuredEventIsPassedWithItsWholeDocumentAndBinaryWithout() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/t\",\"type\":\"io.kedge.alert.fired.v1\","
                + "\"time\":null,\"data\":{\"a\":1}}";
        HttpMessage structured = new HttpMessage(Map.of("content-type", "APPLICATION/CLOUDEVENTS+JSON"),
                event.getBytes(StandardCharsets.UTF_8));

        EnvelopeCheck.Passed passed = EnvelopeCheck.admit(structured, HANDLED);

        assertThat(passed.structured()).isTrue();
        assertThat(passed.envelope().get("time").isNull()).isTrue();
        assertThat(passed.data().get("a").intValue()).isEqualTo(1);
        assertThat(EnvelopeCheck.admit(binary("io.kedge.alert.fired.v1", "application/json", "{}"), HANDLED).structured())
                .isFalse();
    }
}
