package io.kedge.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.Sources;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import io.kedge.functions.support.CheckedData;
import io.kedge.functions.validate.rules.ReadingValidator;
import io.kedge.functions.validate.rules.ValidationPolicy;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the reply events by calling the function method directly, without HTTP. */
class ValidateFunctionDirectTest {

    private static final OffsetDateTime SAMPLED = OffsetDateTime.parse(Readings.SAMPLE_TIME);

    private final ValidateFunction function = new ValidateFunction();

    {
        function.validator = new ReadingValidator(ValidationPolicy.DEFAULTS, Payloads.CLOCK);
        function.checkedData = CheckedData.none();
    }

    static Stream<Reading> plausible() {
        return Readings.plausible();
    }

    static Stream<Reading> implausible() {
        return Readings.implausible();
    }

    @ParameterizedTest(name = "{0} gets a validated reply")
    @MethodSource("plausible")
    void plausibleReadingGetsAValidatedReplyDerivedFromItsEvent(Reading reading) {
        CloudEvent<JsonNode> event = eventOf(reading);

        CloudEvent<Object> reply = function.validate(event);

        assertThat(reply.type()).isEqualTo(EventTypes.READING_VALIDATED);
        assertThat(reply.source()).isEqualTo("/functions/validate");
        assertThat(reply.id()).isEqualTo(event.id() + "/validated");
        assertThat(reply.subject()).isEqualTo(reading.sensor());
        assertThat(reply.time()).isEqualTo(SAMPLED);
        assertThat(reply.dataContentType()).isEqualTo("application/json");
        assertThat(((ValidatedReading) reply.data()).deviceId()).isEqualTo(reading.deviceId());
    }

    @ParameterizedTest(name = "{0} gets a rejected reply")
    @MethodSource("implausible")
    void implausibleReadingGetsARejectedReplyWithTheOriginalPayload(Reading reading) {
        CloudEvent<JsonNode> event = eventOf(reading);

        CloudEvent<Object> reply = function.validate(event);

        assertThat(reply.type()).isEqualTo(EventTypes.READING_REJECTED);
        assertThat(reply.source()).isEqualTo("/functions/validate");
        assertThat(reply.id()).isEqualTo(event.id() + "/rejected");
        assertThat(reply.subject()).isEqualTo(event.subject());
        assertThat(reply.time()).isEqualTo(event.time());
        RejectedReading rejected = (RejectedReading) reply.data();
        assertThat(rejected.original()).isEqualTo(event.data());
        assertThat(rejected.violations()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} gets the same reply id twice")
    @MethodSource("plausible")
    void redeliveredReadingGetsTheSameReplyId(Reading reading) {
        assertThat(function.validate(eventOf(reading)).id()).isEqualTo(function.validate(eventOf(reading)).id());
    }

    /** The event a producer sends; its time is the fixture's sample time even where the data's time is bad. */
    private static CloudEvent<JsonNode> eventOf(Reading reading) {
        return CloudEventBuilder.create()
                .id(ReadingIds.of(reading.deviceId(), reading.sensor(), Instant.parse(Readings.SAMPLE_TIME)))
                .source(Sources.device(reading.deviceId()).toString())
                .type(EventTypes.READING)
                .subject(reading.sensor())
                .time(SAMPLED)
                .build(EventData.mapper().valueToTree(reading));
    }
}
