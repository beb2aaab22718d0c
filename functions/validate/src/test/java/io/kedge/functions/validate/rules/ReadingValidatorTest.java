package io.kedge.functions.validate.rules;

import io.kedge.functions.support.JsonData;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.EventData;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.data.Violation;
import io.kedge.contract.fixtures.Readings;
import io.kedge.functions.validate.Payloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the rules by calling the validator directly, with the clock fixed. */
class ReadingValidatorTest {

    private static final Instant NOW = Payloads.NOW;
    private static final Clock CLOCK = Payloads.CLOCK;

    private final ReadingValidator validator = new ReadingValidator(ValidationPolicy.DEFAULTS, CLOCK);

    static Stream<Reading> plausible() {
        return Readings.plausible();
    }

    static Stream<Reading> implausible() {
        return Readings.implausible();
    }

    static Stream<Arguments> implausibleWithReasons() {
        return Stream.of(
                Arguments.of("DHT11 at 75 °C is out of range", Readings.DHT11_TOO_HOT, "out_of_range@temperature"),
                Arguments.of("DHT11 at 120 %RH is out of range", Readings.DHT11_HUMIDITY_ABOVE_100, "out_of_range@humidity"),
                Arguments.of("zone-less sample time is refused", Readings.DHT11_ZONELESS_TIME, "time_without_zone@time"));
    }

    static Stream<Arguments> malformed() {
        return Payloads.malformed();
    }

    @ParameterizedTest(name = "{0} is accepted unchanged")
    @MethodSource("plausible")
    void plausibleReadingIsAcceptedWithItsValues(Reading reading) {
        ValidatedReading validated = accepted(reading);

        assertThat(validated.deviceId()).isEqualTo(reading.deviceId());
        assertThat(validated.location()).isEqualTo(reading.location());
        assertThat(validated.sensor()).isEqualTo(reading.sensor());
        assertThat(validated.temperature()).isEqualTo(reading.temperature());
        assertThat(validated.humidity()).isEqualTo(reading.humidity());
        assertThat(validated.pressure()).isEqualTo(reading.pressure());
        assertThat(validated.time()).isEqualTo(Readings.SAMPLE_TIME);
        assertThat(validated.quality()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("implausible")
    void implausibleReadingIsRejected(Reading reading) {
        assertThat(validator.validate(tree(reading))).isInstanceOf(ValidationOutcome.Rejected.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implausibleWithReasons")
    void implausibleReadingIsRejectedWithItsReason(String behaviour, Reading reading, String expected) {
        assertThat(codes(rejected(tree(reading)))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadIsRejectedWithEveryReason(String behaviour, String payload, List<String> expected) throws IOException {
        assertThat(codes(rejected(JsonData.parse(payload.getBytes(StandardCharsets.UTF_8)))))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void violationQuotesTheBadValueAndOriginalIsReturnedAsReceived() throws IOException {
        JsonNode payload = JsonData.parse("{\"deviceId\":\"pi-1\",\"sensor\":\"dht11\",\"temperature\":\"abc\",\"time\":\"2026-11-27T10:15:30Z\"}"
                .getBytes(StandardCharsets.UTF_8));

        ValidationOutcome.Rejected rejected = (ValidationOutcome.Rejected) validator.validate(payload);

        Violation violation = rejected.rejection().violations().get(0);
        assertThat(violation.value()).isEqualTo("abc");
        assertThat(violation.message()).contains("\"abc\"");
        assertThat(rejected.rejection().original()).isEqualTo(payload);
    }

    @Test
    void valuesAreRoundedToTheSensorResolutionAndFlagged() {
        Reading dht22 = new Reading("pi-garage", "garage", "dht22", 21.04, 55.05, null, Readings.SAMPLE_TIME);
        Reading bme280 = new Reading("pi-office", "office", "bme280", 23.456, 38.5, 1013.256, Readings.SAMPLE_TIME);

        ValidatedReading roundedDht22 = accepted(dht22);
        ValidatedReading roundedBme280 = accepted(bme280);

        assertThat(roundedDht22.temperature()).isEqualTo(21.0);
        assertThat(roundedDht22.humidity()).isEqualTo(55.1);
        assertThat(roundedDht22.quality()).containsExactly("rounded");
        assertThat(roundedBme280.temperature()).isEqualTo(23.46);
        assertThat(roundedBme280.pressure()).isEqualTo(1013.26);
        assertThat(roundedBme280.quality()).containsExactly("rounded");
    }

    @Test
    void newDht11RevisionKeepsItsOneDecimal() {
        ValidatedReading validated = accepted(Readings.DHT11_NEW_REVISION_DECIMALS);

        assertThat(validated.temperature()).isEqualTo(31.3);
        assertThat(validated.quality()).doesNotContain("rounded");
    }

    @Test
    void timeWithAnOffsetIsNormalisedToUtc() {
        Reading reading = Readings.dht11("pi-1", "hall", 20.0, 40.0, "2026-11-27T11:15:30+01:00");

        assertThat(accepted(reading).time()).isEqualTo("2026-11-27T10:15:30Z");
    }

    @Test
    void sensorNameIsMatchedWithoutRegardToCaseAndAm2302IsADht22() {
        Reading upper = new Reading("pi-1", "hall", "DHT22", -39.9, 50.0, null, Readings.SAMPLE_TIME);
        Reading am2302 = new Reading("pi-1", "hall", "AM2302", -39.9, 50.0, null, Readings.SAMPLE_TIME);

        assertThat(accepted(upper).sensor()).isEqualTo("dht22");
        assertThat(accepted(am2302).sensor()).isEqualTo("am2302");
        assertThat(accepted(am2302).quality()).isEmpty();
    }

    @Test
    void fahrenheitAndKelvinAreConvertedToCelsiusAndFlagged() {
        Reading fahrenheit = new Reading("pi-garage", "garage", "dht22", 70.7, 50.0, null, Readings.SAMPLE_TIME, "F");
        Reading kelvin = new Reading("pi-garage", "garage", "dht22", 294.15, 50.0, null, Readings.SAMPLE_TIME, "K");
        Reading celsius = new Reading("pi-garage", "garage", "dht22", 21.5, 50.0, null, Readings.SAMPLE_TIME, "C");

        assertThat(accepted(fahrenheit).temperature()).isEqualTo(21.5);
        assertThat(accepted(fahrenheit).quality()).containsExactly("converted_from_fahrenheit");
        assertThat(accepted(kelvin).temperature()).isEqualTo(21.0);
        assertThat(accepted(kelvin).quality()).containsExactly("converted_from_kelvin");
        assertThat(accepted(celsius).temperature()).isEqualTo(21.5);
        assertThat(accepted(celsius).quality()).isEmpty();
    }

    @Test
    void convertedValueIsRoundedToTheSensorResolution() {
        Reading fahrenheit = new Reading("pi-1", "hall", "dht11", 72.0, 45.0, null, Readings.SAMPLE_TIME, "F");

        ValidatedReading validated = accepted(fahrenheit);

        assertThat(validated.temperature()).isEqualTo(22.2);
        assertThat(validated.quality()).containsExactly("converted_from_fahrenheit", "rounded");
    }

    @Test
    void outOfRangeMessageQuotesTheValueAsSentAndInCelsius() {
        Reading fahrenheit = new Reading("pi-1", "hall", "dht11", 131.0, 45.0, null, Readings.SAMPLE_TIME, "F");

        Violation violation = rejected(tree(fahrenheit)).rejection().violations().get(0);

        assertThat(violation.value()).isEqualTo("131");
        assertThat(violation.message()).isEqualTo("temperature \"131\" °F (55 °C) is outside the dht11 range [0, 50] °C");
    }

    @Test
    void configuredGenericRangesApplyToUnknownModels() {
        ValidationPolicy narrow = new ValidationPolicy(Duration.ofHours(24), Duration.ofMinutes(5), UnknownSensorPolicy.GENERIC,
                SensorModels.generic(new Range(0, 60), new Range(10, 90), new Range(900, 1100)));
        ReadingValidator validator = new ReadingValidator(narrow, CLOCK);
        Reading sht31 = new Reading("pi-lab", "lab", "sht31", 61.0, 5.0, null, Readings.SAMPLE_TIME);

        assertThat(codes(rejected(validator, tree(sht31)))).containsExactly("out_of_range@temperature", "out_of_range@humidity");
    }

    @Test
    void unknownSensorIsAcceptedWithinGenericRangesAndFlagged() {
        Reading sht31 = new Reading("pi-lab", "lab", "sht31", 100.0, 40.0, null, Readings.SAMPLE_TIME);

        assertThat(accepted(sht31).quality()).containsExactly("generic_ranges");
    }

    @Test
    void unknownSensorIsRejectedWhenThePolicySaysSo() {
        ReadingValidator strict = new ReadingValidator(
                new ValidationPolicy(Duration.ofHours(24), Duration.ofMinutes(5), UnknownSensorPolicy.REJECT), CLOCK);
        Reading sht31 = new Reading("pi-lab", "lab", "sht31", 20.0, 40.0, null, Readings.SAMPLE_TIME);

        assertThat(codes(rejected(strict, tree(sht31)))).containsExactly("unknown_sensor@sensor");
    }

    @Test
    void sampleExactlyAtTheLimitsIsAcceptedAndOneSecondBeyondIsNot() {
        ValidationPolicy policy = ValidationPolicy.DEFAULTS;

        assertThat(validator.validate(tree(at(NOW.minus(policy.maxAge())))))
                .isInstanceOf(ValidationOutcome.Accepted.class);
        assertThat(validator.validate(tree(at(NOW.plus(policy.maxClockSkew())))))
                .isInstanceOf(ValidationOutcome.Accepted.class);
        assertThat(codes(rejected(tree(at(NOW.minus(policy.maxAge()).minusSeconds(1))))))
                .containsExactly("time_too_old@time");
        assertThat(codes(rejected(tree(at(NOW.plus(policy.maxClockSkew()).plusSeconds(1))))))
                .containsExactly("time_in_future@time");
    }

    @Test
    void configuredMaxAgeIsHonoured() {
        ReadingValidator hourly = new ReadingValidator(
                new ValidationPolicy(Duration.ofHours(1), Duration.ZERO, UnknownSensorPolicy.GENERIC), CLOCK);

        assertThat(codes(rejected(hourly, tree(at(NOW.minus(Duration.ofMinutes(61)))))))
                .containsExactly("time_too_old@time");
        assertThat(codes(rejected(hourly, tree(at(NOW.plusSeconds(1))))))
                .containsExactly("time_in_future@time");
    }

    private ValidatedReading accepted(Reading reading) {
        ValidationOutcome outcome = validator.validate(tree(reading));
        assertThat(outcome).isInstanceOf(ValidationOutcome.Accepted.class);
        return ((ValidationOutcome.Accepted) outcome).reading();
    }

    private ValidationOutcome.Rejected rejected(JsonNode data) {
        return rejected(validator, data);
    }

    private static ValidationOutcome.Rejected rejected(ReadingValidator validator, JsonNode data) {
        ValidationOutcome outcome = validator.validate(data);
        assertThat(outcome).isInstanceOf(ValidationOutcome.Rejected.class);
        return (ValidationOutcome.Rejected) outcome;
    }

    private static List<String> codes(ValidationOutcome.Rejected rejected) {
        return rejected.rejection().violations().stream().map(v -> v.code() + "@" + v.field()).toList();
    }

    private static Reading at(Instant time) {
        return Readings.dht11("pi-livingroom", "livingroom", 21.0, 45.0, time.toString());
    }

    private static JsonNode tree(Reading reading) {
        return EventData.mapper().valueToTree(reading);
    }
}
