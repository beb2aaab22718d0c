package io.kedge.functions.validate;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the system clock in @QuarkusTest runs, so that the fixtures' sample time stays fresh. */
@Singleton
public class FixedClock {

    @Produces
    @Singleton
    Clock clock() {
        return Payloads.CLOCK;
    }
}
