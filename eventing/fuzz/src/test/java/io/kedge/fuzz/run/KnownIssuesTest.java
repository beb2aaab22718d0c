package io.kedge.fuzz.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.fuzz.oracle.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that known issues match their own findings only, so that anything new still fails a run. */
class KnownIssuesTest {

    private static FuzzRequest request(String contentType, String body, Header... extra) {
        List<Header> headers = new java.util.ArrayList<>(List.of(Header.of("Content-Type", contentType)));
        headers.addAll(List.of(extra));
        return new FuzzRequest("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8), FuzzRequest.Framing.CONTENT_LENGTH, false);
    }

    @Test
    void anUnexplainedServerErrorIsNoKnownIssueAnywhere() {
        Finding error = Finding.of(Finding.Kind.SERVER_ERROR, "answered 500");
        FuzzRequest plain = request("application/json", "{\"deviceId\":\"pi\"}", Header.of("ce-id", "1"));
        for (String target : List.of("broker", "validate", "store", "alert", "grafana")) {
            assertThat(KnownIssues.match(target, error, plain)).as(target).isEmpty();
        }
    }

    @Test
    void aBare404IsKnownOnlyForAStructuredEventWithCeHeaders() {
        Finding bare404 = Finding.of(Finding.Kind.NO_MESSAGE, "404 without a body");
        assertThat(KnownIssues.match("store", bare404, request("application/cloudevents+json", "{}", Header.of("Ce-ID", "v"))))
                .map(KnownIssue::id).contains("funqy-mixed-mode");
        assertThat(KnownIssues.match("store", bare404, request("application/cloudevents+json", "{}"))).isEmpty();
        assertThat(KnownIssues.match("store", bare404, request("application/json", "{}", Header.of("ce-id", "v")))).isEmpty();
    }

    @Test
    void aHeaderInjectedThroughALineBreakCountsAsTheHeaderItBecomes() {
        Finding bare404 = Finding.of(Finding.Kind.NO_MESSAGE, "404 without a body");
        FuzzRequest injected = request("application/cloudevents+json", "{}",
                new Header("x-fuzz", "a\r\nce-id: injected".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(KnownIssues.match("alert", bare404, injected)).map(KnownIssue::id).contains("funqy-mixed-mode");
    }

    @Test
    void unstorableTagsAreKnownForValidateOnly() {
        Finding finding = Finding.of(Finding.Kind.NOT_STORABLE, "validate accepted it, store answered 400 ... 'deviceId'"
                + " contains a line feed");
        assertThat(KnownIssues.match("validate", finding, null)).map(KnownIssue::id).contains("validate-unstorable-tag");
        assertThat(KnownIssues.match("validate", Finding.of(Finding.Kind.NOT_STORABLE, "store answered 503"), null)).isEmpty();
    }
}
