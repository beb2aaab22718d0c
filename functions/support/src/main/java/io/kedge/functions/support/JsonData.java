package io.kedge.functions.support;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kedge.contract.EventData;
import java.io.IOException;

/** Parses event data into a JSON tree for {@link ReadingValidator}. */
public final class JsonData {

    // Bare NaN/Infinity tokens are not JSON, but Python's json.dumps writes them by default: parsing
    // them turns a gateway's sensor fault into a rejected reading (not_a_number) instead of a 400.
    private static final ObjectReader READER = EventData.mapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The JSON document in {@code bytes}.
     *
     * @throws IOException when the bytes are empty or not one JSON document
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        JsonNode tree = READER.readTree(bytes);
        if (tree == null || tree.isMissingNode()) {
            throw new IOException("no JSON value in the data");
        }
        return tree;
    }

    private JsonData() {
    }
}
