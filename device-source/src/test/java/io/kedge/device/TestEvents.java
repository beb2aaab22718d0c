package io.kedge.device;

import io.cloudevents.CloudEvent;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Distinct reading events in sample-time order, for tests of the buffer and the forwarder. */
public final class TestEvents {

    public static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    /** Reading {@code i} of device {@code pi-test}: sampled {@code 2 i} seconds after {@link #START}. */
    public static CloudEvent reading(int i) {
        return ReadingEvents.of(Readings.dht11("pi-test", "lab", 20 + (i % 100) / 10.0, 45,
                START.plusSeconds(2L * i).toString()));
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
