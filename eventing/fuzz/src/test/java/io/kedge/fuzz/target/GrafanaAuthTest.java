package io.kedge.fuzz.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.fuzz.gen.GrafanaSigner;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that the Grafana oracle calls a request authentic exactly when the webhook must take it. */
class GrafanaAuthTest {

    private static final byte[] BODY = "{\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);

    private static FuzzRequest signed(String authorization, long timestamp, byte[] signedBody) {
        String ts = String.valueOf(timestamp);
        return new FuzzRequest("POST", "/grafana", List.of(Header.of("Authorization", authorization),
                Header.of(GrafanaSigner.TIMESTAMP_HEADER, ts),
                Header.of(GrafanaSigner.SIGNATURE_HEADER, GrafanaSigner.sign("fuzz-hmac-secret", ts, signedBody))),
                BODY, FuzzRequest.Framing.CONTENT_LENGTH, false);
    }

    @Test
    void aRequestSignedLikeGrafanaIsAuthentic() {
        long now = Instant.now().getEpochSecond();
        assertThat(GrafanaTarget.authProblem(signed("Bearer fuzz-token-5b3c0d2e", now, BODY))).isNull();
        assertThat(GrafanaTarget.authProblem(signed("bearer   fuzz-token-5b3c0d2e", now, BODY))).isNull();
    }

    @Test
    void anyWrongPartMakesItUnauthentic() {
        long now = Instant.now().getEpochSecond();
        assertThat(GrafanaTarget.authProblem(signed("Bearer wrong", now, BODY))).contains("token");
        assertThat(GrafanaTarget.authProblem(signed("Bearer fuzz-token-5b3c0d2e", now - 600, BODY))).contains("signature");
        assertThat(GrafanaTarget.authProblem(signed("Bearer fuzz-token-5b3c0d2e", now, "{}".getBytes(StandardCharsets.UTF_8))))
                .contains("signature");
    }

    @Test
    void theWebhookPathIncludesWhatTheRouterMapsToIt() {
        assertThat(GrafanaTarget.isWebhook("/grafana")).isTrue();
        assertThat(GrafanaTarget.isWebhook("/grafana/")).isTrue();
        assertThat(GrafanaTarget.isWebhook("/grafana?x=1")).isTrue();
        assertThat(GrafanaTarget.isWebhook("/grafana/x")).isFalse();
    }
}
