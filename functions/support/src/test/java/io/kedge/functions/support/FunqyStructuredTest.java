package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the form a structured event is given so that Funqy reads the very event the gate passed. */
class FunqyStructuredTest {

    private static ObjectNode document(String json) throws IOException {
        return (ObjectNode) JsonData.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyCeHeaderIsFoundWhateverItsCase() {
        assertThat(FunqyStructured.eventHeaders(List.of("Content-Type", "ce-id", "CE-TYPE", "Ce-Source", "cex", "x-ce-id")))
                .containsExactly("ce-id", "CE-TYPE", "Ce-Source");
    }

    @Test
    void onlyTheLowerCaseMediaTypeIsRecognisedAsItIs() {
        assertThat(FunqyStructured.recognised("application/cloudevents+json; charset=UTF-8")).isTrue();
        assertThat(FunqyStructured.recognised("APPLICATION/CLOUDEVENTS+JSON")).isFalse();
        assertThat(FunqyStructured.recognised(null)).isFalse();
    }

    @Test
    void mediaTypeIsLowerCasedAndItsParametersKept() {
        assertThat(FunqyStructured.lowerCaseMediaType("APPLICATION/CloudEvents+JSON; charset=UTF-8"))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(FunqyStructured.lowerCaseMediaType("Application/CloudEvents+Json")).isEqualTo("application/cloudevents+json");
    }

    @Test
    void documentWithoutNullAttributesIsLeftAsItCame() throws IOException {
        assertThat(FunqyStructured.withoutNullAttributes(document("{\"id\":\"1\",\"data\":{\"a\":null}}"))).isNull();
    }

    @Test
    void nullAttributesAreDroppedButNullDataStays() throws IOException {
        byte[] cleaned = FunqyStructured.withoutNullAttributes(
                document("{\"id\":\"1\",\"time\":null,\"subject\":null,\"data\":null}"));

        JsonNode event = JsonData.parse(cleaned);
        assertThat(event.has("time")).isFalse();
        assertThat(event.has("subject")).isFalse();
        assertThat(event.get("data").isNull()).isTrue();
        assertThat(event.get("id").textValue()).isEqualTo("1");
    }

    @Test
    void nonFiniteNumbersInTheDataAreWrittenBackAsTheBareTokensTheyWere() throws IOException {
        byte[] cleaned = FunqyStructured.withoutNullAttributes(document("{\"time\":null,\"data\":{\"t\":NaN,\"h\":-Infinity}}"));

        assertThat(new String(cleaned, StandardCharsets.UTF_8)).contains("\"t\":NaN", "\"h\":-Infinity");
    }
}
