package io.kedge.fuzz.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What came back for one request: a response, or the way there was none.
 *
 * @param kind    whether and how the server answered
 * @param status  the status code; 0 without a response
 * @param headers response headers, names lower-cased, in order
 * @param body    the response body (empty without one)
 * @param failure what the client saw when there was no response
 */
public record Answer(Kind kind, int status, List<Map.Entry<String, String>> headers, byte[] body, String failure) {

    /** How the exchange ended. */
    public enum Kind {
        /** A complete HTTP response. */
        ANSWERED,
        /** The connection closed or was reset before a complete response. */
        NO_ANSWER,
        /** No complete response within the client's read timeout. */
        TIMEOUT
    }

    public Answer {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static Answer none(Kind kind, String failure) {
        return new Answer(kind, 0, List.of(), new byte[0], failure);
    }

    public boolean answered() {
        return kind == Kind.ANSWERED;
    }

    /** The first header of that (lower-case) name, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equals(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String describe() {
        if (!answered()) {
            return kind + ": " + failure;
        }
        return status + " " + (header("content-type") == null ? "(no content-type)" : header("content-type")) + " "
                + Printable.of(body, 400);
    }
}
