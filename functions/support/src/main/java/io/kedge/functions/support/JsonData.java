package io.kedge.functions.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Parses event data into a JSON tree for the functions' rules, and writes such a tree back. */
public final class JsonData {

    /**
     * Deepest nesting of a document taken, in objects and arrays. Kedge's data is one or two
     * levels deep. Jackson reads and writes up to 1,000 levels, so data read near that limit could
     * not be written back inside a reply (validate quotes a rejected reading one level deeper):
     * the reply failed with a 500. Far below, every reply that quotes data can be written.
     */
    public static final int MAX_DEPTH = 100;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            // Bare NaN/Infinity tokens are not JSON, but Python's json.dumps writes them by default: parsing
            // them turns a gateway's sensor fault into a rejected reading (not_a_number) instead of a 400.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // and written back as the same bare tokens, as Funqy's mapper reads them (NonFiniteNumbers)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    /**
     * The JSON document in {@code bytes}.
     *
     * @throws IOException when the bytes are empty or not one JSON document, or nest deeper than
     *                     {@link #MAX_DEPTH} (a {@code StreamConstraintsException})
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        JsonNode tree = READER.readTree(bytes);
        if (tree == null || tree.isMissingNode()) {
            throw new IOException("no JSON value in the data");
        }
        return tree;
    }

    /** {@code tree} as JSON bytes, non-finite numbers as bare tokens (as {@link #parse} read them). */
    static byte[] write(JsonNode tree) throws IOException {
        return WRITER.writeValueAsBytes(tree);
    }

    private JsonData() {
    }
}
