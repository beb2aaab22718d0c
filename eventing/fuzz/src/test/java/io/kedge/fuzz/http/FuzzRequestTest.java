package io.kedge.fuzz.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzRequestTest {

    @Test
    void aLineBreakInAHeaderValueStartsANewHeaderOnTheWire() {
        FuzzRequest request = new FuzzRequest("POST", "/", List.of(
                new Header("ce-id", "x\r\nce-id: injected".getBytes(StandardCharsets.ISO_8859_1)),
                new Header("ce-source", "y\nno colon here".getBytes(StandardCharsets.ISO_8859_1))),
                new byte[0], FuzzRequest.Framing.CONTENT_LENGTH, false);
        assertThat(request.wireHeaders()).extracting(Header::name, Header::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ce-id", "x"),
                        org.assertj.core.groups.Tuple.tuple("ce-id", "injected"),
                        org.assertj.core.groups.Tuple.tuple("ce-source", "y"));
    }

    @Test
    void httpSyntaxNamesWhatTheCodecRefusesBeforeTheApplication() {
        FuzzRequest fine = new FuzzRequest("POST", "/kedge/default", List.of(Header.of("ce-id", "a")), new byte[0],
                FuzzRequest.Framing.CONTENT_LENGTH, false);
        assertThat(HttpSyntax.problem(fine)).isNull();
        assertThat(HttpSyntax.problem(new FuzzRequest("POST", "*", List.of(), new byte[0], FuzzRequest.Framing.CONTENT_LENGTH,
                false))).contains("asterisk");
        assertThat(HttpSyntax.problem(new FuzzRequest("POST", "/", List.of(Header.of("Content-Length", "3")), new byte[0],
                FuzzRequest.Framing.CONTENT_LENGTH, false))).contains("framing");
        assertThat(HttpSyntax.problem(new FuzzRequest("PO ST", "/", List.of(), new byte[0], FuzzRequest.Framing.CONTENT_LENGTH,
                false))).contains("method");
    }
}
