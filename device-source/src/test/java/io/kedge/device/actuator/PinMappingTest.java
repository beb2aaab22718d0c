package io.kedge.device.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinMappingTest {

    @Test
    void rulesMapToPinsWithOptionalActiveLow() {
        PinMapping mapping = PinMapping.parse(" temperature-high=17 , humidity-high=27:active-low,temperature-rising=17");

        assertThat(mapping.forRule("temperature-high")).contains(new OutputPin(17, false));
        assertThat(mapping.forRule("humidity-high")).contains(new OutputPin(27, true));
        assertThat(mapping.forRule("other")).isEmpty();
        assertThat(mapping.outputs()).containsExactly(new OutputPin(17, false), new OutputPin(27, true));
        assertThat(mapping.rules(new OutputPin(17, false))).containsExactly("temperature-high", "temperature-rising");
    }

    @Test
    void blankIsNoMapping() {
        assertThat(PinMapping.parse("  ").isEmpty()).isTrue();
        assertThat(PinMapping.parse(null).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is refused naming \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "temperature-high           | temperature-high",
            "temperature-high=fan       | fan",
            "temperature-high=40        | got 40",
            "a=17:active-high           | a=17:active-high",
            "a=17,b=17:active-low       | other polarity",
            "a=17,a=18                  | mapped twice"})
    void nonsenseIsRefusedQuotingIt(String text, String expected) {
        assertThatThrownBy(() -> PinMapping.parse(text)).hasMessageContaining(expected);
    }
}
