package io.kedge.functions.validate;

import io.kedge.functions.validate.rules.ReadingValidator;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the plain validator from configuration; the clock is a bean so tests can fix it. */
@Singleton
public class ValidatorProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Built at startup, so that a wrong limit stops the start rather than the first request. */
    @Produces
    @Singleton
    @Startup
    ReadingValidator readingValidator(ValidateConfig config, Clock clock) {
        return new ReadingValidator(config.policy(), clock);
    }
}
