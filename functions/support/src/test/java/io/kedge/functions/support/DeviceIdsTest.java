package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies that only device ids InfluxDB can carry in a tag key a function's state, and that the rest are a 422. */
class DeviceIdsTest {

    @Test
    void anIdWithTheCharactersLineProtocolEscapesIsKept() {
        assertThat(DeviceIds.check("pi 1,hall=2\\x")).isEqualTo("pi 1,hall=2\\x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no id                  |            | reading names no deviceId",
            "a blank id             | '  '       | reading names no deviceId",
            "a line feed            | 'pi\n1'    | deviceId \"pi?1\" contains a control character",
            "a trailing backslash   | 'pi-1\\'   | deviceId \"pi-1\\\" ends with a backslash",
    })
    void anIdNoTagCanCarryIsAnUnusableReading(String name, String deviceId, String problem) {
        assertThatThrownBy(() -> DeviceIds.check(deviceId))
                .isInstanceOf(UnusableReadingException.class)
                .hasMessageStartingWith(problem)
                .satisfies(e -> {
                    assertThat(((UnusableReadingException) e).status()).isEqualTo(422);
                    assertThat(((UnusableReadingException) e).error()).isEqualTo("unusable reading");
                });
    }
}
