package io.kedge.bench;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.bench.load.EventSource;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binary-mode {@code io.kedge.reading.validated.v1} events as validate replies them, each a point
 * of its own in InfluxDB: event {@code n} of the whole run is device {@code n % 64} at {@code n / 64}
 * milliseconds before the run's start (the store's timestamps are milliseconds, its series are
 * the device). So the number of points stored must equal the number of readings acknowledged.
 * Times lie in the past, well inside the store's default 30-day retention.
 */
final class StoreLoad implements EventSource {

    static final int DEVICES = 64;
    private static final URI SOURCE = URI.create("/functions/validate");

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final AtomicLong serial = new AtomicLong();

    /** The next reading of the run, whatever {@code index} it has in its load. */
    @Override
    public HttpMessage event(long index, long sentNanos) {
        return message(serial.getAndIncrement());
    }

    HttpMessage message(long n) {
        String device = "bench-" + (n % DEVICES);
        Instant time = start.minusMillis(n / DEVICES);
        ValidatedReading reading = new ValidatedReading(device, "bench", "dht11", 20.0 + (n % 100) / 10.0,
                40.0 + n % 20, null, time.toString(), List.of());
        return CloudEventHttp.binary(CloudEventBuilder.v1()
                .withId(ReadingIds.of(device, "dht11", time) + "/validated")
                .withSource(SOURCE)
                .withType(EventTypes.READING_VALIDATED)
                .withSubject("dht11")
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build());
    }
}
