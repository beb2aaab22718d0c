package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Violation;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Verifies that a rejected reading maps to one point of measurement {@code rejected_readings}
 * whatever its original is, and that only what no broker delivers (no violations, no time) is refused.
 */
class RejectedPointsTest {

    private static final Instant REJECTED_AT = Instant.parse("2026-11-27T10:15:30.123Z");
    private final RejectedPoints points = new RejectedPoints();

    @Test
    void rejectedReadingIsOnePointTaggedWithItsFirstCodeAtTheEventsTime() {
        RejectedReading rejected = TestRejections.of(TestRejections.original("pi-attic", "attic"),
                TestRejections.TOO_HOT, TestRejections.NO_ZONE);

        String line = points.toPoint(rejected, REJECTED_AT).toLineProtocol();

        assertThat(line).isEqualTo("rejected_readings,code=out_of_range,device=pi-attic,location=attic"
                + " codes=\"out_of_range,time_without_zone\",count=1i,messages=\"" + TestRejections.TOO_HOT.message()
                + "; time \\\"2026-11-27T10:15:00\\\" has no zone offset\",violations=2i " + REJECTED_AT.toEpochMilli());
    }

    @Test
    void aCodeRepeatedByTwoViolationsIsListedOnce() {
        Violation alsoTooHumid = new Violation("out_of_range", "humidity", "95", "humidity 95 % is outside 20..90 %");
        RejectedReading rejected = TestRejections.of(TestRejections.original("pi-1", null), TestRejections.TOO_HOT, alsoTooHumid);

        assertThat(points.toPoint(rejected, REJECTED_AT).toLineProtocol())
                .contains("codes=\"out_of_range\"").contains("violations=2i").doesNotContain("location=");
    }

    static Stream<Arguments> originalsWithoutAUsableDevice() {
        return Stream.of(
                Arguments.of("no deviceId", TestRejections.json("{\"temperature\":75}")),
                Arguments.of("deviceId a number", TestRejections.json("{\"deviceId\":42}")),
                Arguments.of("deviceId an object", TestRejections.json("{\"deviceId\":{\"id\":\"pi-1\"}}")),
                Arguments.of("deviceId null", TestRejections.json("{\"deviceId\":null}")),
                Arguments.of("deviceId blank", TestRejections.json("{\"deviceId\":\"  \"}")),
                Arguments.of("deviceId with a line feed", TestRejections.json("{\"deviceId\":\"pi\\n1\"}")),
                Arguments.of("deviceId with a tab", TestRejections.json("{\"deviceId\":\"pi\\t1\"}")),
                Arguments.of("deviceId ending with a backslash", TestRejections.json("{\"deviceId\":\"pi\\\\\"}")),
                Arguments.of("deviceId longer than a tag should be", TestRejections.json("{\"deviceId\":\"" + "x".repeat(257) + "\"}")),
                Arguments.of("original a number", TestRejections.json("42")),
                Arguments.of("original a string", TestRejections.json("\"deviceId\"")),
                Arguments.of("original an array", TestRejections.json("[{\"deviceId\":\"pi-1\"}]")),
                Arguments.of("original JSON null", TestRejections.json("null")),
                Arguments.of("original absent", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originalsWithoutAUsableDevice")
    void anOriginalWithoutAUsableDeviceIsStoredAsUnknownNeverRefused(String name, JsonNode original) {
        String line = points.toPoint(TestRejections.of(original, TestRejections.TOO_HOT), REJECTED_AT).toLineProtocol();

        assertThat(line).startsWith("rejected_readings,code=out_of_range,device=unknown codes=");
    }

    @Test
    void aLocationThatCannotBeATagIsLeftOut() {
        RejectedReading rejected = TestRejections.of(TestRejections.json("{\"deviceId\":\"pi-1\",\"location\":\"a\\nb\"}"),
                TestRejections.TOO_HOT);

        assertThat(points.toPoint(rejected, REJECTED_AT).toLineProtocol())
                .startsWith("rejected_readings,code=out_of_range,device=pi-1 codes=");
    }

    @Test
    void aDeviceIdOfTheLongestTagLengthIsKept() {
        String longest = "d".repeat(RejectedPoints.MAX_TAG_LENGTH);

        assertThat(points.toPoint(TestRejections.tooHot(longest, null), REJECTED_AT).toLineProtocol())
                .contains(",device=" + longest + " ");
    }

    @Test
    void violationsWithoutCodeOrMessageStillMakeAPoint() {
        RejectedReading rejected = TestRejections.of(TestRejections.original("pi-1", null), new Violation(null, null, null, null));

        assertThat(points.toPoint(rejected, REJECTED_AT).toLineProtocol())
                .isEqualTo("rejected_readings,code=unknown,device=pi-1 codes=\"\",count=1i,messages=\"\",violations=1i "
                        + REJECTED_AT.toEpochMilli());
    }

    @Test
    void longMessagesAreCutWithAnEllipsis() {
        Violation verbose = new Violation("out_of_range", "temperature", "75", "m".repeat(10_000));

        String line = points.toPoint(TestRejections.of(TestRejections.original("pi-1", null), verbose), REJECTED_AT).toLineProtocol();

        assertThat(line).contains("messages=\"" + "m".repeat(RejectedPoints.MAX_MESSAGES_LENGTH - 1) + "…\"");
    }

    @Test
    void noViolationsAndNoTimeAreRefusedWithBothProblems() {
        RejectedReading empty = new RejectedReading(TestRejections.original("pi-1", null), List.of());

        assertThatThrownBy(() -> points.toPoint(empty, null))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "'violations' is empty: a rejected reading names at least one broken rule",
                        "the event has no time: a rejected reading is stored at its event's time (ce-time),"
                                + " so that a replay overwrites it"));
    }

    @Test
    void aTimeInfluxDbCannotStoreIsRefused() {
        assertThatThrownBy(() -> points.toPoint(TestRejections.tooHot("pi-1", null), Instant.parse("2262-04-12T00:00:00Z")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("'time' lies outside the years InfluxDB can store");
        assertThat(points.toPoint(TestRejections.tooHot("pi-1", null), Instant.parse("2262-04-11T00:00:00Z")).toLineProtocol())
                .endsWith(" 9223286400000");
    }

    @Test
    void missingDataIsRefused() {
        assertThatThrownBy(() -> points.toPoint(null, REJECTED_AT))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("invalid rejected reading: the event carries no data");
    }
}
