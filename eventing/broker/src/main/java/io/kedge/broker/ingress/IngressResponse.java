package io.kedge.broker.ingress;

import java.util.Map;

/** The ingress's HTTP answer: status, extra headers and a plain-text message (empty for 202). */
public record IngressResponse(int status, Map<String, String> headers, String message) {

    public IngressResponse {
        headers = Map.copyOf(headers);
    }

    static IngressResponse of(int status, String message) {
        return new IngressResponse(status, Map.of(), message);
    }
}
