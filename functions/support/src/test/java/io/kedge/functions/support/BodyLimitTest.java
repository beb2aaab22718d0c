package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Verifies that the body limit keeps the configured text for messages and reads its bytes as Quarkus does. */
class BodyLimitTest {

    @Test
    void suffixesAreBinaryMultiplesAndTheTextIsKept() {
        assertThat(BodyLimit.of("1M")).isEqualTo(new BodyLimit("1M", 1024 * 1024));
        assertThat(BodyLimit.of("256K").bytes()).isEqualTo(256 * 1024);
        assertThat(BodyLimit.of("4096").bytes()).isEqualTo(4096);
    }

    @Test
    void quarkusDefaultIsTenMegabytes() {
        assertThat(BodyLimit.of(BodyLimit.DEFAULT).bytes()).isEqualTo(10240L * 1024);
    }
}
