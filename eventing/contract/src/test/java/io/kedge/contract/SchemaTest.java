package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.data.Violation;
import io.kedge.contract.fixtures.Readings;
import io.kedge.contract.fixtures.Summaries;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Verifies that the shipped JSON Schemas describe what the records actually serialise to. */
class SchemaTest {

    private static JsonSchema schema(String type) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaTest.class.getResourceAsStream(Schemas.resourceFor(type)), config);
    }

    private static JsonNode json(Object record) {
        return EventData.mapper().valueToTree(record);
    }

    @ParameterizedTest
    @MethodSource("io.kedge.contract.fixtures.Readings#plausible")
    void plausibleReadingsMatchTheReadingSchema(io.kedge.contract.data.Reading reading) {
        assertThat(schema(EventTypes.READING).validate(json(reading))).isEmpty();
    }

    @Test
    void readingWithoutAnyMeasurementDoesNotMatch() {
        var bare = new io.kedge.contract.data.Reading("pi", "x", "dht11", null, null, null, Readings.SAMPLE_TIME);

        assertThat(schema(EventTypes.READING).validate(json(bare))).isNotEmpty();
    }

    @Test
    void temperatureUnitIsOptionalAndOneOfCFK() {
        var fahrenheit = new io.kedge.contract.data.Reading("pi", "x", "dht22", 70.5, 40.0, null, Readings.SAMPLE_TIME, "F");
        var rankine = new io.kedge.contract.data.Reading("pi", "x", "dht22", 530.0, 40.0, null, Readings.SAMPLE_TIME, "R");

        assertThat(schema(EventTypes.READING).validate(json(fahrenheit))).isEmpty();
        assertThat(schema(EventTypes.READING).validate(json(rankine))).isNotEmpty();
        assertThat(json(Readings.DHT11_LIVINGROOM).has("temperatureUnit")).as("absent when not given").isFalse();
    }

    @Test
    void validatedRejectedAndAlertRecordsMatchTheirSchemas() {
        ValidatedReading validated = new ValidatedReading("pi", "x", "dht11", 21.0, 45.0, null,
                Readings.SAMPLE_TIME, List.of());
        RejectedReading rejected = new RejectedReading(json(Readings.DHT11_TOO_HOT),
                List.of(new Violation("out_of_range", "temperature", "75.0", "temperature 75.0 is above 50")));
        Alert alert = new Alert("temperature-high", "warning", "pi", "x", "temperature", 31.0, 30.0,
                Readings.SAMPLE_TIME, null, "temperature-high/pi");

        assertThat(schema(EventTypes.READING_VALIDATED).validate(json(validated))).isEmpty();
        assertThat(schema(EventTypes.READING_REJECTED).validate(json(rejected))).isEmpty();
        assertThat(schema(EventTypes.ALERT_FIRED).validate(json(alert))).isEmpty();
    }

    @Test
    void rejectedWithoutViolationsDoesNotMatch() {
        RejectedReading empty = new RejectedReading(json(Readings.DHT11_TOO_HOT), List.of());

        assertThat(schema(EventTypes.READING_REJECTED).validate(json(empty))).isNotEmpty();
    }

    @Test
    void summaryFixturesMatchTheSummarySchema() {
        assertThat(schema(EventTypes.SUMMARY).validate(json(Summaries.KITCHEN_TEMPERATURE_MINUTE))).isEmpty();
        assertThat(schema(EventTypes.SUMMARY).validate(json(Summaries.KITCHEN_HUMIDITY_MINUTE))).isEmpty();
    }

    @Test
    void summaryOfNoReadingsOrOfAnUnknownMetricDoesNotMatch() {
        Summary s = Summaries.KITCHEN_TEMPERATURE_MINUTE;
        Summary empty = new Summary(s.deviceId(), s.location(), s.metric(), s.window(), s.windowStart(), s.windowEnd(),
                0, s.min(), s.max(), s.mean(), s.last(), s.lastTime());
        Summary noise = new Summary(s.deviceId(), s.location(), "noise", s.window(), s.windowStart(), s.windowEnd(),
                s.count(), s.min(), s.max(), s.mean(), s.last(), s.lastTime());

        assertThat(schema(EventTypes.SUMMARY).validate(json(empty))).isNotEmpty();
        assertThat(schema(EventTypes.SUMMARY).validate(json(noise))).isNotEmpty();
    }

    @Test
    void summaryRoundTripsThroughEventData() {
        byte[] json = EventData.toJson(Summaries.KITCHEN_TEMPERATURE_MINUTE);

        assertThat(EventData.read(json, Summary.class)).isEqualTo(Summaries.KITCHEN_TEMPERATURE_MINUTE);
    }
}
