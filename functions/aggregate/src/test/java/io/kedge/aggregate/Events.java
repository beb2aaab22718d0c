package io.kedge.aggregate;

import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.DeliveredEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The events the aggregate function takes, as the broker delivers them (binary mode). */
public final class Events {

    /** Five hours ago, on the hour: within InfluxDB's retention, and before the clock, so that no tick is capped. */
    private static final Instant FIRST_SLOT = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
    private static final AtomicInteger SLOTS = new AtomicInteger();

    /**
     * A stretch of ten minutes of its own for one test, later than every earlier test's: ticks move
     * one watermark for the whole application, so a test's readings must lie after the ticks of the
     * tests before it.
     */
    public static Instant slot() {
        return FIRST_SLOT.plus(10L * SLOTS.getAndIncrement(), ChronoUnit.MINUTES);
    }

    public static ValidatedReading reading(String device, Instant time, double celsius, double humidity) {
        return new ValidatedReading(device, "kitchen", "dht22", celsius, humidity, null, time.toString(), List.of());
    }

    public static HttpMessage validated(ValidatedReading reading) {
        return DeliveredEvents.validated(reading);
    }

    /** A PingSource tick (with the JSON payload of eventing/k8s/aggregate-ping-source.yaml). */
    public static HttpMessage tick(String id, Instant time) {
        return DeliveredEvents.ping(id, "/apis/v1/namespaces/kedge/pingsources/aggregate-tick", time, "{\"check\":\"windows\"}");
    }

    private Events() {
    }
}
