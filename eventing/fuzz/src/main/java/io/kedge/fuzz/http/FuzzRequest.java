package io.kedge.fuzz.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request exactly as the fuzzer writes it: method and request target unchecked,
 * headers in order (duplicates allowed), the body framed as {@link #framing} says.
 *
 * @param closeAfter whether the connection is closed after this request: for requests whose
 *                   framing the server may read differently from the client
 */
public record FuzzRequest(String method, String path, List<Header> headers, byte[] body, Framing framing,
                          boolean closeAfter) {

    /** How the body's end is marked. */
    public enum Framing {
        /** {@code Content-Length} with the body's size. */
        CONTENT_LENGTH,
        /** {@code Transfer-Encoding: chunked}, the body cut into chunks. */
        CHUNKED
    }

    public FuzzRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first header of that name (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.text();
            }
        }
        return null;
    }

    /**
     * The headers as a server reads them off the wire: a value with a line break ends there and
     * the rest becomes header lines of its own (how CR LF injection works); lines without a colon
     * are dropped.
     */
    public List<Header> wireHeaders() {
        List<Header> wire = new java.util.ArrayList<>();
        for (Header header : headers) {
            String line = header.name() + ": " + new String(header.value(), StandardCharsets.ISO_8859_1);
            for (String part : line.split("\r?\n|\r")) {
                int colon = part.indexOf(':');
                if (colon > 0) {
                    wire.add(new Header(part.substring(0, colon),
                            part.substring(colon + 1).strip().getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
        }
        return wire;
    }

    /** Whether {@code text} occurs anywhere in the request: an answer may quote what it was sent. */
    public boolean contains(String text) {
        if (new String(body, StandardCharsets.UTF_8).contains(text) || path.contains(text) || method.contains(text)) {
            return true;
        }
        for (Header header : headers) {
            if (header.text().contains(text) || header.name().contains(text)) {
                return true;
            }
        }
        return false;
    }

    public boolean isHead() {
        return method.toUpperCase(Locale.ROOT).equals("HEAD");
    }

    /** A reproducer: the request as a curl-like text block (bodies cut). */
    public String describe(int maxBody) {
        StringBuilder out = new StringBuilder();
        out.append(method).append(' ').append(Printable.of(path, 300)).append(" (").append(framing)
                .append(closeAfter ? ", close" : "").append(")\n");
        for (Header header : headers) {
            out.append("  ").append(header).append('\n');
        }
        out.append("  body: ").append(Printable.of(body, maxBody));
        return out.toString();
    }
}
