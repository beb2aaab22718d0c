package io.kedge.fuzz.http;

import java.nio.charset.StandardCharsets;

/** Bytes as one readable line for reports: control characters and non-UTF-8 bytes escaped, long text cut. */
public final class Printable {

    public static String of(byte[] bytes, int max) {
        String text = new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfffd) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (bytes.length > max) {
            out.append("... (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    public static String of(String text, int max) {
        return of(text.getBytes(StandardCharsets.UTF_8), max);
    }

    private Printable() {
    }
}
