package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.ValidatedReading;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that an event without a usable reading is a 422 naming the event, whatever the binder threw. */
class ReadingDataTest {

    private static final ValidatedReading READING = new ValidatedReading("pi-1", "hall", "dht22", 21.5, 45.0, null,
            "2026-11-27T10:15:30Z", List.of());

    @Test
    void aBoundReadingIsReturned() {
        assertThat(ReadingData.bound("e-1", () -> READING)).isSameAs(READING);
    }

    @Test
    void noReadingIsUnusable() {
        assertThatThrownBy(() -> ReadingData.bound("e-1", () -> null))
                .isInstanceOf(UnusableReadingException.class)
                .hasMessage("event e-1 carries no reading");
    }

    @Test
    void aReadingThatDoesNotBindIsUnusableWithTheFirstLineOfTheInnermostReason() {
        RuntimeException thrown = new IllegalStateException("binding failed",
                new IllegalArgumentException("Cannot coerce String to double\n at [Source: ...]"));

        assertThatThrownBy(() -> ReadingData.bound("e-2", () -> {
            throw thrown;
        }))
                .isInstanceOf(UnusableReadingException.class)
                .hasMessage("data of event e-2 is not a validated reading: Cannot coerce String to double")
                .extracting(e -> ((UnusableReadingException) e).status()).isEqualTo(422);
    }

    @Test
    void anUnusableReadingOfTheBinderPassesAsItIs() {
        UnusableReadingException own = new UnusableReadingException("own reason");

        assertThatThrownBy(() -> ReadingData.bound("e-3", () -> {
            throw own;
        })).isSameAs(own);
    }
}
