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
}
