package io.kedge.bench;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first event each app gets in the cold-start benchmark, the kind it takes in the pipeline:
 * a reading for validate and the broker, a validated reading for store, alert and aggregate. Each
 * attempt is a new reading (its own device and sample time, now), so no attempt is a duplicate of
 * an earlier one, not even across runs.
 */
final class ColdStartEvents {

    private static final URI VALIDATE = URI.create("/functions/validate");

    private final AtomicLong serial = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    HttpMessage event(ColdStartOptions.App app) {
        String device = "coldstart-" + run + "-" + serial.getAndIncrement();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return switch (app) {
            case VALIDATE, BROKER -> CloudEventHttp.binary(ReadingEvents.of(
                    Readings.dht11(device, "coldstart", 21.0, 45.0, time.toString())));
            case STORE, ALERT, AGGREGATE -> validated(device, time);
        };
    }

    private static HttpMessage validated(String device, Instant time) {
        ValidatedReading reading = new ValidatedReading(device, "coldstart", "dht11", 21.0, 45.0, null, time.toString(),
                List.of());
        return CloudEventHttp.binary(CloudEventBuilder.v1()
                .withId(ReadingIds.of(device, "dht11", time) + "/validated")
                .withSource(VALIDATE)
                .withType(EventTypes.READING_VALIDATED)
                .withSubject("dht11")
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build());
    }
}
