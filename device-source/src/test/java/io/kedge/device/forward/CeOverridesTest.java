package io.kedge.device.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CeOverridesTest {

    @Test
    void knativeShapeGivesItsExtensionsAsStrings() {
        CeOverrides overrides = CeOverrides.parse("{\"extensions\":{\"site\":\"plant-1\",\"fwrev\":42,\"beta\":true}}");

        assertThat(overrides.extensions()).containsExactly(
                Map.entry("site", "plant-1"), Map.entry("fwrev", "42"), Map.entry("beta", "true"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "{}", "{\"extensions\":null}", "{\"extensions\":{}}"})
    void absentOrEmptyMeansNoOverrides(String text) {
        assertThat(CeOverrides.parse(text).extensions()).isEmpty();
    }

    @Test
    void applyingAddsEveryExtensionAndKeepsTheEvent() {
        CloudEvent event = ReadingEvents.of(Readings.DHT11_LIVINGROOM);

        CloudEvent overridden = CeOverrides.parse("{\"extensions\":{\"site\":\"plant-1\"}}").applyTo(event);

        assertThat(overridden.getExtension("site")).isEqualTo("plant-1");
        assertThat(overridden.getId()).isEqualTo(event.getId());
        assertThat(overridden.getTime()).isEqualTo(event.getTime());
        assertThat(overridden.getData().toBytes()).isEqualTo(event.getData().toBytes());
    }

    @Test
    void textThatIsNotJsonIsRefusedQuotingIt() {
        assertThatThrownBy(() -> CeOverrides.parse("site=plant-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("\"site=plant-1\"");
    }

    @Test
    void coreAttributesCannotBeOverridden() {
        assertThatThrownBy(() -> CeOverrides.parse("{\"extensions\":{\"type\":\"evil\"}}"))
                .hasMessageContaining("core attribute \"type\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Site", "site-id", "averyveryverylongextensionname"})
    void invalidExtensionNamesAreRefusedNamingThem(String name) {
        assertThatThrownBy(() -> CeOverrides.parse("{\"extensions\":{\"" + name + "\":\"x\"}}"))
                .hasMessageContaining("\"" + name + "\"");
    }

    @Test
    void nestedValuesAreRefused() {
        assertThatThrownBy(() -> CeOverrides.parse("{\"extensions\":{\"site\":{\"a\":1}}}"))
                .hasMessageContaining("\"site\" must be a string, number or boolean");
    }
}
