package io.kedge.fuzz.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One request header as it goes on the wire: the value as raw bytes, so that a fuzz case can send
 * Latin-1, raw UTF-8 or byte sequences that are no valid text at all.
 */
public record Header(String name, byte[] value) {

    public static Header of(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value read as UTF-8 (invalid sequences replaced): for oracles and reproducers. */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Header h && h.name.equals(name) && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + ": " + Printable.of(value, 200);
    }
}
