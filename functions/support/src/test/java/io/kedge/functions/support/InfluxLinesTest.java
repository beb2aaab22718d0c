package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the line protocol escaping and the reading of a query answer's rows. */
class InfluxLinesTest {

    @Test
    void aTagEscapesCommaSpaceAndEqualsSignAndNothingElse() {
        assertThat(InfluxLines.tag("a,b c=d\\e\"f")).isEqualTo("a\\,b\\ c\\=d\\e\"f");
    }

    @Test
    void aStringFieldIsQuotedWithQuotesAndBackslashesEscapedAndLineEndsAsSpaces() {
        assertThat(InfluxLines.text("say \"hi\"\\\nbye")).isEqualTo("\"say \\\"hi\\\"\\\\ bye\"");
    }

    @Test
    void eachPointOfAResultIsARowWithItsSeriesTags() throws Exception {
        JsonNode result = new ObjectMapper().readTree("""
                {"statement_id":0,"series":[
                  {"name":"m","tags":{"device":"pi-1"},"columns":["time","value"],"values":[[1,20.5],[2,21]]},
                  {"name":"m","tags":{"device":"pi-2"},"columns":["time","value"],"values":[[3,22]]}]}
                """);

        List<Map<String, JsonNode>> rows = InfluxLines.rows(result);

        assertThat(rows).extracting(row -> row.get("device").asText() + "@" + row.get("time").asLong() + "=" + row.get("value").asDouble())
                .containsExactly("pi-1@1=20.5", "pi-1@2=21.0", "pi-2@3=22.0");
    }

    @Test
    void aResultWithoutSeriesHasNoRows() throws Exception {
        assertThat(InfluxLines.rows(new ObjectMapper().readTree("{\"statement_id\":0}"))).isEmpty();
    }
}
