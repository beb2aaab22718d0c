package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Summary;
import io.kedge.contract.fixtures.Summaries;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifies that a summary maps to its metric's fields of the device's point at the window's start. */
class SummaryPointsTest {

    private final SummaryPoints points = new SummaryPoints("rpi_dht11_1m");

    @Test
    void summaryIsItsMetricsFieldsAtTheWindowsStart() {
        String line = points.toPoint(Summaries.KITCHEN_TEMPERATURE_MINUTE).toLineProtocol();

        assertThat(line).isEqualTo("rpi_dht11_1m,device=pi-kitchen,location=kitchen temperature_count=3i,"
                + "temperature_last=21.5,temperature_max=22.0,temperature_mean=21.5,temperature_min=21.0 "
                + Instant.parse("2026-11-27T10:15:00Z").toEpochMilli());
    }

    @Test
    void anotherMetricOfTheSameWindowIsTheSameSeriesAndTimeWithOtherFields() {
        String temperature = points.toPoint(Summaries.KITCHEN_TEMPERATURE_MINUTE).toLineProtocol();
        String humidity = points.toPoint(Summaries.KITCHEN_HUMIDITY_MINUTE).toLineProtocol();

        assertThat(humidity.substring(0, humidity.indexOf(' '))).isEqualTo(temperature.substring(0, temperature.indexOf(' ')));
        assertThat(humidity.substring(humidity.lastIndexOf(' '))).isEqualTo(temperature.substring(temperature.lastIndexOf(' ')));
        assertThat(humidity).contains("humidity_mean=42.0").doesNotContain("temperature");
    }

    @Test
    void integralValuesStayFloatsSoThatLaterDecimalsNeverConflict() {
        Summary integral = TestSummaries.withMean(Summaries.KITCHEN_TEMPERATURE_MINUTE, 21.0);

        assertThat(points.toPoint(integral).toLineProtocol()).contains("temperature_mean=21.0");
    }

    @Test
    void aSummaryWithoutLocationHasNoLocationTag() {
        Summary summary = TestSummaries.temperature("pi-shed", null, Instant.parse("2026-11-27T10:15:00Z"));

        assertThat(points.toPoint(summary).toLineProtocol()).startsWith("rpi_dht11_1m,device=pi-shed temperature_count=3i");
    }

    @Test
    void collectsEveryProblemNotJustTheFirst() {
        Summary broken = new Summary("pi\n1", null, "Temp C", "PT1M", "2026-11-27T10:15:00", null, 0, Double.NaN,
                1.0, 1.0, Double.POSITIVE_INFINITY, null);

        assertThatThrownBy(() -> points.toPoint(broken))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "'deviceId' contains a line feed (\"pi\\n1\"), which an InfluxDB tag value cannot store unaltered",
                        "'metric' must be a lower-case name of letters, digits and '_' (at most 64), got \"Temp C\"",
                        "'windowStart' is not an RFC 3339 timestamp with zone offset: \"2026-11-27T10:15:00\"",
                        "'count' must be at least 1, got 0",
                        "'min' is not a finite number: NaN",
                        "'last' is not a finite number: Infinity"));
    }

    @Test
    void missingDeviceMetricAndWindowAreNamed() {
        Summary bare = new Summary(null, null, null, null, null, null, 1, 1.0, 1.0, 1.0, 1.0, null);

        assertThatThrownBy(() -> points.toPoint(bare))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "missing required field 'deviceId'",
                        "missing required field 'metric'",
                        "missing required field 'windowStart'"));
    }

    @Test
    void aWindowInfluxDbCannotStoreIsRefused() {
        Summary far = TestSummaries.temperature("pi-1", null, Instant.parse("+10000-01-01T00:00:00Z"));

        assertThatThrownBy(() -> points.toPoint(far))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("'windowStart' lies outside the years InfluxDB can store");
    }

    @Test
    void fieldKeysAreTheMetricAndTheStatistic() {
        assertThat(SummaryPoints.field("humidity", SummaryPoints.MEAN)).isEqualTo("humidity_mean");
    }
}
