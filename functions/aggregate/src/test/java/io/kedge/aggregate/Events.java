package io.kedge.aggregate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The events the aggregate function takes, as the broker delivers them (binary mode). */
public final class Events {

    public static final String PING = "dev.knative.sources.ping";

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

    /** The validated-reading event validate replies with; the id derives from device and time. */
    public static HttpMessage validated(ValidatedReading reading) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(reading.deviceId() + "/" + reading.time() + "/validated")
                .withSource(URI.create("/functions/validate"))
                .withType(EventTypes.READING_VALIDATED)
                .withSubject(reading.sensor())
                .withTime(Instant.parse(reading.time()).atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build();
        return CloudEventHttp.binary(event);
    }

    /** A PingSource tick as Knative sends it (with the JSON payload of eventing/k8s/aggregate-ping-source.yaml). */
    public static HttpMessage tick(String id, Instant time) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/apis/v1/namespaces/kedge/pingsources/aggregate-tick"))
                .withType(PING)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData("{\"check\":\"windows\"}".getBytes(StandardCharsets.UTF_8))
                .build();
        return CloudEventHttp.binary(event);
    }

    private Events() {
    }
}
