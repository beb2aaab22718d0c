package io.kedge.bench;

import io.kedge.bench.load.BenchExtensions;
import io.kedge.bench.load.EventSource;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Binary-mode {@code io.kedge.reading.v1} events as devices send them. One event per device is built
 * through the contract, once; each event sent is that template with an id of its own (the
 * template's id and a serial number) and the benchmark's extensions. Building every event through
 * the contract (JSON data, name-based UUID, header encoding) cost the load generator more CPU than the
 * broker's own ingress, on the cores the broker needs; the broker neither knows nor cares.
 */
final class ReadingLoad {

    private static final int DEVICES = 16;
    private static final String ID = "ce-id";

    private final List<HttpMessage> templates;
    private final AtomicLong serial = new AtomicLong();

    ReadingLoad() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.templates = IntStream.range(0, DEVICES).mapToObj(n -> {
            Reading reading = Readings.dht11("bench-" + n, "bench", 20.0 + n / 10.0, 45.0, base.plusMillis(n).toString());
            return CloudEventHttp.binary(ReadingEvents.of(reading));
        }).toList();
    }

    /** The events of {@code phase}, each carrying its phase, index and send time as extensions. */
    EventSource phase(int phase) {
        String phaseText = Integer.toString(phase);
        return (index, sentNanos) -> event(phaseText, index, sentNanos);
    }

    HttpMessage event(int phase, long index, long sentNanos) {
        return event(Integer.toString(phase), index, sentNanos);
    }

    private HttpMessage event(String phase, long index, long sentNanos) {
        long n = serial.getAndIncrement();
        HttpMessage template = templates.get((int) (n % DEVICES));
        Map<String, String> headers = new HashMap<>(template.headers());
        headers.put(ID, template.header(ID) + "-" + n);
        headers.put("ce-" + BenchExtensions.SENT, Long.toString(sentNanos));
        headers.put("ce-" + BenchExtensions.PHASE, phase);
        headers.put("ce-" + BenchExtensions.SEQ, Long.toString(index));
        return new HttpMessage(headers, template.body());
    }
}
