package io.kedge.fuzz.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.fuzz.oracle.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Verifies that a known issue matches its own findings only, and that the findings of the issues
 * fixed since (mixed mode, unstorable tags, ...) fail a run again: none of them is known any more.
 */
class KnownIssuesTest {

    private static final List<String> TARGETS = List.of("broker", "validate", "store", "alert", "grafana");

    private static FuzzRequest request(String contentType, String body, Header... extra) {
        List<Header> headers = new java.util.ArrayList<>(List.of(Header.of("Content-Type", contentType)));
        headers.addAll(List.of(extra));
        return new FuzzRequest("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8), FuzzRequest.Framing.CONTENT_LENGTH, false);
    }

    @Test
    void findingsOfTheFixedIssuesAreNoKnownIssueAnywhere() {
        FuzzRequest mixed = request("application/cloudevents+json", "{\"time\":null}", Header.of("Ce-ID", "v"));
        List<Finding> fixed = List.of(
                Finding.of(Finding.Kind.NO_MESSAGE, "404 without a body"),
                Finding.of(Finding.Kind.NO_MESSAGE, "406 without a body"),
                Finding.of(Finding.Kind.NO_MESSAGE, "413 without a body"),
                Finding.of(Finding.Kind.SERVER_ERROR, "answered 500"),
                Finding.of(Finding.Kind.NOT_STORABLE, "validate accepted it, store answered 400 ... 'deviceId' contains a line feed"),
                Finding.of(Finding.Kind.ACCEPTED_INVALID, "204 for data outside the contract: temperature is no JSON number: \"21.5\""));
        FuzzRequest oversizedTrace = new FuzzRequest("TRACE", "/q/health", List.of(), new byte[70_000],
                FuzzRequest.Framing.CONTENT_LENGTH, false);
        for (String target : TARGETS) {
            for (Finding finding : fixed) {
                assertThat(KnownIssues.match(target, finding, mixed)).as(target + ": " + finding.detail()).isEmpty();
            }
            assertThat(KnownIssues.match(target, Finding.of(Finding.Kind.NO_MESSAGE, "413 without a body"), oversizedTrace))
                    .as(target + ": the bare 413 to a TRACE is fixed").isEmpty();
        }
    }

    @Test
    void anIssueMatchesOnlyItsTargetsKindAndShape() {
        KnownIssue issue = new KnownIssue("example", "functions/x", "summary", Set.of("store"), Finding.Kind.SERVER_ERROR,
                (finding, request) -> request != null && request.contains("+999999999-"));
        FuzzRequest far = request("application/json", "{\"time\":\"+999999999-12-31T23:59:59Z\"}");
        FuzzRequest near = request("application/json", "{\"time\":\"2026-11-28T00:00:00Z\"}");
        Finding error = Finding.of(Finding.Kind.SERVER_ERROR, "answered 500");

        assertThat(issue.matches("store", error, far)).isTrue();
        assertThat(issue.matches("alert", error, far)).isFalse();
        assertThat(issue.matches("store", error, near)).isFalse();
        assertThat(issue.matches("store", Finding.of(Finding.Kind.NO_MESSAGE, "400 without a body"), far)).isFalse();
    }
}
