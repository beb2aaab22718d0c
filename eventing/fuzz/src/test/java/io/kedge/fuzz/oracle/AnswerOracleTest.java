package io.kedge.fuzz.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerOracleTest {

    private static final FuzzRequest PLAIN = request(List.of(Header.of("ce-id", "a")), "{}");

    private static FuzzRequest request(List<Header> headers, String body) {
        return new FuzzRequest("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8), FuzzRequest.Framing.CONTENT_LENGTH, false);
    }

    private static Answer answer(int status, String contentType, String body) {
        List<Map.Entry<String, String>> headers = contentType == null ? List.of()
                : List.of(new AbstractMap.SimpleImmutableEntry<>("content-type", contentType));
        return new Answer(Answer.Kind.ANSWERED, status, headers, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static List<Finding.Kind> kinds(FuzzRequest request, Answer answer) {
        return AnswerOracle.check(request, answer).stream().map(Finding::kind).toList();
    }

    @Test
    void aRefusalWithAJsonMessageKeepsEveryPromise() {
        assertThat(kinds(PLAIN, answer(400, "application/json", "{\"status\":400,\"error\":\"bad\"}"))).isEmpty();
    }

    @Test
    void aServerErrorIsAFinding() {
        assertThat(kinds(PLAIN, answer(500, "text/plain", "oops"))).containsExactly(Finding.Kind.SERVER_ERROR);
    }

    @Test
    void aRefusalWithoutAMessageIsAFindingForWellFormedHttp() {
        assertThat(kinds(PLAIN, answer(404, null, ""))).containsExactly(Finding.Kind.NO_MESSAGE);
    }

    @Test
    void aBareRefusalOfMalformedHttpIsTheHttpCodecsRightAnswer() {
        FuzzRequest malformed = request(List.of(Header.of("ce-id", "a\u007fb")), "{}");
        assertThat(kinds(malformed, answer(400, null, ""))).isEmpty();
    }

    @Test
    void aBare400ForATargetQuarkusCannotParseIsNoFindingButOtherBareAnswersToItAre() {
        FuzzRequest doubleSlash = new FuzzRequest("POST", "//", List.of(), new byte[0], FuzzRequest.Framing.CONTENT_LENGTH, false);
        FuzzRequest asterisk = new FuzzRequest("OPTIONS", "*", List.of(), new byte[0], FuzzRequest.Framing.CONTENT_LENGTH, false);

        assertThat(kinds(doubleSlash, answer(400, null, ""))).isEmpty();
        assertThat(kinds(doubleSlash, answer(404, null, ""))).containsExactly(Finding.Kind.NO_MESSAGE);
        assertThat(kinds(asterisk, answer(404, null, ""))).containsExactly(Finding.Kind.NO_MESSAGE);
    }

    @Test
    void stackTraceTextIsAFindingUnlessTheRequestCarriedIt() {
        Answer leak = answer(400, "text/plain", "failed: java.lang.IllegalStateException at io.kedge.x.Y.z(Y.java:3)");
        assertThat(kinds(PLAIN, leak)).containsOnly(Finding.Kind.STACK_TRACE);
        FuzzRequest quoting = request(List.of(Header.of("ce-subject", "IllegalStateException")), "{}");
        assertThat(kinds(quoting, answer(400, "application/json", "{\"problems\":[\"subject IllegalStateException\"]}")))
                .isEmpty();
    }

    @Test
    void noAnswerAndTimeoutsAreCrashes() {
        assertThat(kinds(PLAIN, new Answer(Answer.Kind.NO_ANSWER, 0, List.of(), null, "reset")))
                .containsExactly(Finding.Kind.NO_ANSWER);
        assertThat(Finding.Kind.NO_ANSWER.crash()).isTrue();
        assertThat(Finding.Kind.SERVER_ERROR.crash()).isFalse();
    }
}
