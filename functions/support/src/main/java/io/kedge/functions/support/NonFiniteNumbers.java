package io.kedge.functions.support;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Lets Funqy's mapper (a copy of the application's) read bare NaN and Infinity tokens, exactly
 * as {@code JsonData} does in the envelope check. Python's json.dumps writes them by default;
 * without this, Funqy's data binding would throw (a 500) instead of the rules answering
 * not_a_number.
 */
@Singleton
public class NonFiniteNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }
}
