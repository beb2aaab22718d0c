package io.kedge.store;

import java.util.stream.Stream;

/**
 * Values that line protocol must escape or that look like its syntax: each must be stored exactly
 * as sent, never split into extra tags, fields or points.
 */
public final class InjectionCorpus {

    /** Tag values: everything InfluxDB can store unaltered in a tag. */
    public static Stream<String> tagValues() {
        return Stream.of(
                "living room, \"north\" = 1",
                "a\\,b",
                "back\\slash in the middle",
                "\\leading backslash",
                "key=value=other",
                "  padded  ",
                "quote\" and 'apostrophe'",
                "Küche – ünïcödé 😀",
                "#not a comment",
                "x temperature=99 1",
                "x,device=evil humidity=1");
    }

    /**
     * String field values: the tag corpus plus what a tag cannot carry (line breaks, tabs, a
     * trailing backslash), since a quoted string field escapes only {@code "} and {@code \}.
     */
    public static Stream<String> stringFieldValues() {
        return Stream.concat(tagValues(), Stream.of(
                "ends with a backslash\\",
                "tab\tinside",
                "carriage\rreturn",
                "two\nlines\nrpi_dht11,device=injected temperature=99"));
    }

    private InjectionCorpus() {
    }
}
