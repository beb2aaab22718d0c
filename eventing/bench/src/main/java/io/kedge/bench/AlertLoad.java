package io.kedge.bench;

import io.cloudevents.CloudEvent;
import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.EventSource;
import io.kedge.bench.load.SendResult;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The alert benchmark's readings, built through the contract: every {@code fireEvery}-th reading is
 * 35 °C from a device never seen before, above the shipped {@code temperature-high} rule's 30 °C, so
 * that (with its {@code for} set to 0s) each one opens a new incident and fires exactly once; the
 * others are 21-24 °C from a few calm devices, which fire nothing. Sample times are the wall clock
 * when each reading is due, so validate takes them as fresh. Remembers when each reading was due,
 * by reading id and by firing device, for the subscriber to measure against.
 */
final class AlertLoad implements SentReadings {

    /** Temperature of a reading that crosses {@code temperature-high} (above 30 °C, inside DHT11's 0-50 °C). */
    static final double FIRING_CELSIUS = 35.0;
    static final String LOCATION = "bench";
    private static final int CALM_DEVICES = 16;

    /** A reading as sent: its phase, when it was due ({@link System#nanoTime()}), whether it crosses the threshold. */
    record Sent(int phase, long dueNanos, boolean firing) {
    }

    private final String run;
    private final int fireEvery;
    private final long wallBaseMillis = System.currentTimeMillis();
    private final long nanoBase = System.nanoTime();
    private final Map<String, Sent> byReadingId = new ConcurrentHashMap<>();
    private final Map<String, Sent> byFiringDevice = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> acceptedFiring = new ConcurrentHashMap<>();

    /**
     * @param run       distinguishes the devices of this run from any earlier run's
     * @param fireEvery one reading in this many crosses the threshold
     */
    AlertLoad(String run, int fireEvery) {
        if (fireEvery < 1) {
            throw new IllegalArgumentException("fireEvery must be at least 1, got " + fireEvery);
        }
        this.run = run;
        this.fireEvery = fireEvery;
    }

    /** Whether reading {@code index} of a phase crosses the threshold. */
    boolean fires(long index) {
        return index % fireEvery == 0;
    }

    /**
     * {@code sender}, counting the firing readings the broker accepted: those, and only those, must
     * fire (a refused reading never entered the pipeline).
     */
    EventSender counting(EventSender sender) {
        return new EventSender() {
            @Override
            public CompletionStage<SendResult> send(HttpMessage message) {
                return sender.send(message).thenApply(result -> {
                    Sent sent = result.accepted() ? byReadingId.get(message.header("ce-id")) : null;
                    if (sent != null && sent.firing()) {
                        acceptedFiring.computeIfAbsent(sent.phase(), p -> new LongAdder()).increment();
                    }
                    return result;
                });
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    /** Firing readings of {@code phase} the broker accepted: the alerts to expect. */
    long acceptedFiring(int phase) {
        LongAdder count = acceptedFiring.get(phase);
        return count == null ? 0 : count.sum();
    }

    EventSource phase(int phase) {
        return (index, dueNanos) -> event(phase, index, dueNanos);
    }

    HttpMessage event(int phase, long index, long dueNanos) {
        boolean fires = fires(index);
        String device = fires ? firingDevice(phase, index) : "alert-bench-" + run + "-calm-" + (index % CALM_DEVICES);
        double celsius = fires ? FIRING_CELSIUS : 21.0 + (index % 30) / 10.0;
        Instant sampled = Instant.ofEpochMilli(wallBaseMillis + (dueNanos - nanoBase) / 1_000_000)
                .truncatedTo(ChronoUnit.MILLIS);
        Reading reading = Readings.dht11(device, LOCATION, celsius, 45.0, sampled.toString());
        CloudEvent event = ReadingEvents.of(reading);
        Sent sent = new Sent(phase, dueNanos, fires);
        byReadingId.put(event.getId(), sent);
        if (fires) {
            byFiringDevice.put(device, sent);
        }
        return CloudEventHttp.binary(event);
    }

    /** The device of firing reading {@code index} of {@code phase}: each is new, so each fires on its own. */
    String firingDevice(int phase, long index) {
        return "alert-bench-" + run + "-p" + phase + "-fire-" + index;
    }

    @Override
    public Sent reading(String readingId) {
        return byReadingId.get(readingId);
    }

    @Override
    public Sent firingReading(String device) {
        return byFiringDevice.get(device);
    }
}
