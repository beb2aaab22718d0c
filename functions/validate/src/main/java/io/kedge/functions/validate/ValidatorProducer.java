package io.kedge.functions.validate;

import io.kedge.functions.validate.rules.ReadingValidator;
import io.quarkus.arc.DefaultBean;
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

    @Produces
    @Singleton
    ReadingValidator readingValidator(ValidateConfig config, Clock clock) {
        return new ReadingValidator(config.policy(), clock);
    }
}
