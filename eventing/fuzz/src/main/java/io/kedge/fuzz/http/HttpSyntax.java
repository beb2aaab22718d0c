package io.kedge.fuzz.http;

import java.nio.charset.StandardCharsets;

/**
 * Whether a request is well-formed HTTP/1.1 (RFC 9110/9112) within the limits every Vert.x server
 * here runs with. A request that is not never reaches application code: the HTTP codec refuses it
 * with a bare 4xx, which is then the right answer even without a message.
 */
public final class HttpSyntax {

    /** Vert.x defaults: 4096 bytes of request line, 8192 bytes of headers. */
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 8192;

    /** Why the request is no valid HTTP for these servers, or {@code null} when it is. */
    public static String problem(FuzzRequest request) {
        if (!isToken(request.method())) {
            return "method " + Printable.of(request.method(), 40) + " is no token";
        }
        if (request.path().equals("*") && !request.method().equals("OPTIONS")) {
            return "the asterisk-form request target with a method other than OPTIONS";
        }
        byte[] target = request.path().getBytes(StandardCharsets.UTF_8);
        for (byte b : target) {
            if ((b & 0xff) <= 0x20 || (b & 0xff) >= 0x7f) {
                return "request target with a byte outside visible ASCII";
            }
        }
        if (request.method().length() + target.length + 11 > MAX_REQUEST_LINE) {
            return "request line over " + MAX_REQUEST_LINE + " bytes";
        }
        int size = 0;
        for (Header header : request.headers()) {
            if (!isToken(header.name())) {
                return "header name " + Printable.of(header.name(), 40) + " is no token";
            }
            if (header.name().equalsIgnoreCase("expect") && !header.text().strip().equalsIgnoreCase("100-continue")) {
                return "an expectation other than 100-continue, which the HTTP server answers 417 itself";
            }
            if (header.name().equalsIgnoreCase("content-length") || header.name().equalsIgnoreCase("transfer-encoding")) {
                return "a second framing header (" + header.name() + ")";
            }
            for (byte b : header.value()) {
                int c = b & 0xff;
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return "control character 0x" + Integer.toHexString(c) + " in header " + header.name();
                }
            }
            size += header.name().length() + header.value().length + 4;
        }
        if (size > MAX_HEADERS - 100) {
            return "headers of about " + size + " bytes, over " + MAX_HEADERS;
        }
        return null;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (char c : text.toCharArray()) {
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private HttpSyntax() {
    }
}
