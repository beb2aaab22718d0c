package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.codec.HttpMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies how the broker's ingress and the functions read a request's declared body length. */
class DeclaredLengthTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "262144, 262144",
            "' 17 ', 17",
            "0, 0",
            "NULL, -1",
            "'', -1",
            "12abc, -1",
            "99999999999999999999, -1"})
    void aNumberIsItsLengthAnythingElseIsMinusOne(String header, long expected) {
        assertThat(HttpMessage.declaredLength(header)).isEqualTo(expected);
    }
}
