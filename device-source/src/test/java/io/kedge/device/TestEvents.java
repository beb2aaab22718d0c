package io.kedge.device;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.data.Summary;
import io.kedge.contract.fixtures.Readings;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/** Distinct reading and summary events in time order, for tests of the buffer and the forwarder. */
public final class TestEvents {

    public static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    /** Reading {@code i} of device {@code pi-test}: sampled {@code 2 i} seconds after {@link #START}. */
    public static CloudEvent reading(int i) {
        return ReadingEvents.of(Readings.dht11("pi-test", "lab", 20 + (i % 100) / 10.0, 45,
                START.plusSeconds(2L * i).toString()));
    }

    /**
     * Summary {@code i}: the temperature of device {@code pi-test} in minute {@code i} after {@link #START},
     * with the attributes the aggregate function gives it.
     */
    public static CloudEvent summary(int i) {
        Instant start = START.plusSeconds(60L * i);
        Summary summary = new Summary("pi-test", "lab", "temperature", "PT1M", start.toString(),
                start.plusSeconds(60).toString(), 30, 20.0, 22.0, 21.0, 21.5, start.plusSeconds(58).toString());
        return CloudEventBuilder.v1()
                .withId("pi-test/temperature/PT1M/" + start)
                .withSource(URI.create("/functions/aggregate"))
                .withType(EventTypes.SUMMARY)
                .withSubject("pi-test")
                .withTime(start.atOffset(ZoneOffset.UTC))
                .withExtension("metric", "temperature")
                .withExtension("window", "PT1M")
                .withDataContentType("application/json")
                .withData(EventData.toJson(summary))
                .build();
    }

    /** Summaries {@code from} (inclusive) to {@code to} (exclusive). */
    public static List<CloudEvent> summaries(int from, int to) {
        return IntStream.range(from, to).mapToObj(TestEvents::summary).toList();
    }

    /** Readings {@code from} (inclusive) to {@code to} (exclusive). */
    public static List<CloudEvent> readings(int from, int to) {
        return IntStream.range(from, to).mapToObj(TestEvents::reading).toList();
    }

    public static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).toList();
    }

    private TestEvents() {
    }
}
