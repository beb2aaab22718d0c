package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Verifies that readings map to the reference deployment's points, and bad ones to every reason. */
class ReadingPointsTest {

    private static final Instant SAMPLED = Instant.parse("2026-11-27T10:15:30.123456789Z");
    private final ReadingPoints points = new ReadingPoints("rpi_dht11");

    @Test
    void dht11BecomesTheReferencePointWithFloatFieldsAndMillisecondTime() {
        String line = points.toPoint(TestReadings.dht11(SAMPLED)).toLineProtocol();

        assertThat(line).isEqualTo(
                "rpi_dht11,device=pi-livingroom,location=livingroom humidity=45.0,temperature=21.0 1795774530123");
    }

    @Test
    void pressureIsAFieldWhenMeasured() {
        String line = points.toPoint(TestReadings.validated(Readings.BME280_OFFICE, SAMPLED)).toLineProtocol();

        assertThat(line).isEqualTo(
                "rpi_dht11,device=pi-office,location=office humidity=38.5,pressure=1013.2,temperature=23.4 1795774530123");
    }

    @Test
    void missingLocationLeavesTheTagOut() {
        String line = points.toPoint(TestReadings.withLocation(TestReadings.dht11(SAMPLED), null)).toLineProtocol();

        assertThat(line).startsWith("rpi_dht11,device=pi-livingroom humidity=");
    }

    @Test
    void timestampDependsOnlyOnTheSampleInstantNotItsSpelling() {
        ValidatedReading utc = TestReadings.dht11(SAMPLED);
        ValidatedReading offset = new ValidatedReading(utc.deviceId(), utc.location(), utc.sensor(), utc.temperature(),
                utc.humidity(), null, "2026-11-27T11:15:30.123999+01:00", List.of("rounded"));

        assertThat(points.toPoint(offset).toLineProtocol()).isEqualTo(points.toPoint(utc).toLineProtocol());
    }

    @Test
    void collectsEveryProblemNotJustTheFirst() {
        ValidatedReading empty = new ValidatedReading(null, "lab", "dht11", null, null, null, null, List.of());

        assertThatThrownBy(() -> points.toPoint(empty))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "missing required field 'deviceId'",
                        "missing required field 'time'",
                        "no measured value: temperature, humidity and pressure are all missing"));
    }

    static Stream<Arguments> unstorableReadings() {
        ValidatedReading ok = TestReadings.dht11(SAMPLED);
        return Stream.of(
                Arguments.of("zone-less time", new ValidatedReading("pi", "lab", "dht11", 21.0, 40.0, null,
                        "2026-11-27T10:15:30", List.of()), "'time' is not an RFC 3339 timestamp"),
                Arguments.of("not a number", new ValidatedReading("pi", "lab", "dht11", Double.NaN, 40.0, null,
                        ok.time(), List.of()), "'temperature' is not a finite number: NaN"),
                Arguments.of("line feed in location", TestReadings.withLocation(ok, "living room\n"),
                        "'location' contains a line feed (\"living room\\n\")"),
                Arguments.of("carriage return in device", TestReadings.withDevice(ok, "pi\r1"),
                        "'deviceId' contains a carriage return"),
                Arguments.of("tab in location", TestReadings.withLocation(ok, "a\tb"), "'location' contains a tab"),
                Arguments.of("trailing backslash", TestReadings.withLocation(ok, "C:\\"),
                        "'location' ends with a backslash (\"C:\\\")"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("unstorableReadings")
    void refusesWhatCannotBeStoredExactly(String name, ValidatedReading reading, String problem) {
        assertThatThrownBy(() -> points.toPoint(reading))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void noDataIsRefused() {
        assertThatThrownBy(() -> points.toPoint(null)).hasMessage("invalid reading: the event carries no data");
    }
}
