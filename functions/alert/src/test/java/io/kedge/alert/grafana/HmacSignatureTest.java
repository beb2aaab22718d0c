package io.kedge.alert.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Verifies the signature against values computed independently with {@code openssl dgst -sha256 -hmac}. */
class HmacSignatureTest {

    private static final byte[] SECRET = "kedge-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheBodyAsOpensslDoes() {
        // printf '%s' '{"alerts":[]}' | openssl dgst -sha256 -hmac 'kedge-secret'
        assertThat(HmacSignature.sign(SECRET, null, BODY))
                .isEqualTo("2d899134740be1e64d2a8d6c74e227b989400e3e4530e5aff9b60fc0189e14bb");
    }

    @Test
    void signsTimestampColonBodyWhenATimestampIsSent() {
        // printf '%s' '1764288000:{"alerts":[]}' | openssl dgst -sha256 -hmac 'kedge-secret'
        assertThat(HmacSignature.sign(SECRET, "1764288000", BODY))
                .isEqualTo("5cbd3a1578e064781ac6a01920be4f6ca0c1dd90a7ad3515eef660968a2dbeb7");
    }

    @Test
    void matchesUpperCaseHexToo() {
        assertThat(HmacSignature.matches(SECRET, null, BODY,
                "2D899134740BE1E64D2A8D6C74E227B989400E3E4530E5AFF9B60FC0189E14BB")).isTrue();
    }

    @Test
    void aSignatureOfOtherBytesDoesNotMatch() {
        assertThat(HmacSignature.matches(SECRET, null, "{\"alerts\":[ ]}".getBytes(StandardCharsets.UTF_8),
                "2d899134740be1e64d2a8d6c74e227b989400e3e4530e5aff9b60fc0189e14bb")).isFalse();
        assertThat(HmacSignature.matches(SECRET, null, BODY, "2d89")).as("a prefix").isFalse();
    }

    @Test
    void textThatIsNotHexIsRefused() {
        assertThatThrownBy(() -> HmacSignature.matches(SECRET, null, BODY, "sha256=2d89"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
