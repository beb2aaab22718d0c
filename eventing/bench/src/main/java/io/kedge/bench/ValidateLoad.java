package io.kedge.bench;

import io.kedge.bench.load.EventSource;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary-mode {@code io.kedge.reading.v1} events for the validate function, built through the
 * contract: 1 in 20 implausible (a DHT11 at 75 °C, at 120 %RH, or at −5 °C), the others
 * plausible, half of those with two decimals that validate rounds. The events are built once per
 * step and sent round robin, so that the benchmark's own CPU goes to sending, not to building.
 * Their sample times are the step's start, which validate accepts for 24 hours (max age).
 */
final class ValidateLoad {

    /** Distinct events per step. */
    static final int POOL = 1_000;
    /** Event {@code i} is implausible when {@code i % IMPLAUSIBLE_EVERY == IMPLAUSIBLE_EVERY - 1}. */
    static final int IMPLAUSIBLE_EVERY = 20;

    private static final int DEVICES = 16;

    /** A fresh set of events, sample times now. */
    static EventSource fresh() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<HttpMessage> pool = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            pool.add(CloudEventHttp.binary(ReadingEvents.of(reading(i, now.minusMillis(POOL - i)))));
        }
        return (index, sentNanos) -> pool.get((int) (index % POOL));
    }

    /** Whether event {@code index} of a step is one validate must reject. */
    static boolean implausible(long index) {
        return index % IMPLAUSIBLE_EVERY == IMPLAUSIBLE_EVERY - 1;
    }

    static Reading reading(int i, Instant time) {
        String device = "bench-" + (i % DEVICES);
        if (implausible(i)) {
            return switch ((i / IMPLAUSIBLE_EVERY) % 3) {
                case 0 -> Readings.dht11(device, "bench", 75.0, 45.0, time.toString());
                case 1 -> Readings.dht11(device, "bench", 21.0, 120.0, time.toString());
                default -> Readings.dht11(device, "bench", -5.0, 45.0, time.toString());
            };
        }
        double celsius = i % 2 == 0 ? 18.0 + (i % 120) / 10.0 : 18.0 + (i % 1200) / 100.0;
        return Readings.dht11(device, "bench", celsius, 30.0 + i % 50, time.toString());
    }

    private ValidateLoad() {
    }
}
