package io.kedge.contract.codec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request or response reduced to what carries a CloudEvent: headers (names compared
 * without regard to case, as HTTP does) and the body.
 */
public record HttpMessage(Map<String, String> headers, byte[] body) {

    public HttpMessage {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        return headers.get("content-type");
    }

    /**
     * The body length a {@code Content-Length} header declares, or -1 when there is none or it is
     * no number (Vert.x's HTTP codec refuses a malformed one before a route sees it).
     */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
