package io.kedge.bench;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.bench.load.BenchExtensions;
import io.kedge.bench.load.EventSource;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binary-mode {@code io.kedge.reading.v1} events as devices send them, built through the contract.
 * Every event of a run has its own sample time, hence its own deterministic id: a broker that
 * deduplicates by id still sees each as new.
 */
final class ReadingLoad {

    private static final int DEVICES = 16;

    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final AtomicLong serial = new AtomicLong();

    /** The events of {@code phase}, each carrying its phase, index and send time as extensions. */
    EventSource phase(int phase) {
        return (index, sentNanos) -> event(phase, index, sentNanos);
    }

    HttpMessage event(int phase, long index, long sentNanos) {
        long n = serial.getAndIncrement();
        Reading reading = Readings.dht11("bench-" + (n % DEVICES), "bench",
                20.0 + (n % 100) / 10.0, 45.0, base.plusMillis(n).toString());
        CloudEvent event = CloudEventBuilder.v1(ReadingEvents.of(reading))
                .withExtension(BenchExtensions.SENT, Long.toString(sentNanos))
                .withExtension(BenchExtensions.PHASE, Integer.toString(phase))
                .withExtension(BenchExtensions.SEQ, Long.toString(index))
                .build();
        return CloudEventHttp.binary(event);
    }
}
