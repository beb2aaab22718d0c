package io.kedge.bench;

import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.EventSource;
import io.kedge.bench.load.MqttSender;
import io.kedge.bench.load.SendResult;
import io.kedge.contract.EventData;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The end-to-end benchmark's readings, each through one of the two ingress paths a Kedge edge has:
 * published over MQTT at QoS 1 to {@code kedge/<device>/reading} as a gateway does (the device
 * source's bridge takes it, flat payload) or posted to the broker as a binary-mode CloudEvent built
 * through the contract. The sample time is when the reading is due (the wall clock, ms), so each
 * one's latency to InfluxDB counts from its sample time.
 *
 * <p>Every reading is a point of its own in InfluxDB: 64 calm devices take turns, so that no two
 * readings of a device fall into one millisecond up to 64,000 readings/s. Among them:
 * one in {@code fireEvery} is 35 °C on a device never seen before, which fires
 * {@code temperature-high} once (its {@code for} set to 0s); one in {@code probeEvery} comes from
 * a probe device (one per path) whose arrival in InfluxDB {@link ProbeWatcher} times. Firing
 * readings and probes alternate between the paths by their own count, so that each path gets its
 * share of both whatever the rates.
 */
final class PipelineLoad implements SentReadings {

    /** The two ways a reading enters. */
    enum Ingress {
        HTTP("http"), MQTT("mqtt");

        final String label;

        Ingress(String label) {
            this.label = label;
        }
    }

    static final double FIRING_CELSIUS = 35.0;
    static final int CALM_DEVICES = 64;

    /** What the answers to one phase's readings were, by path; and the firing readings that got in. */
    static final class Tally {

        final LongAdder httpAccepted = new LongAdder();
        final LongAdder httpRefused = new LongAdder();
        final LongAdder httpErrors = new LongAdder();
        final LongAdder mqttAcked = new LongAdder();
        final LongAdder mqttErrors = new LongAdder();
        final LongAdder firingIn = new LongAdder();

        /** Readings the pipeline took responsibility for: 202 from the broker, PUBACK from Mosquitto. */
        long accepted() {
            return httpAccepted.sum() + mqttAcked.sum();
        }
    }

    private final String run;
    private final String location;
    private final double mqttShare;
    private final ProbeWatcher probes;
    private final long wallBaseMillis = System.currentTimeMillis();
    private final long nanoBase = System.nanoTime();
    private final Map<String, AlertLoad.Sent> byFiringDevice = new ConcurrentHashMap<>();
    private final Map<String, Boolean> firingIds = new ConcurrentHashMap<>();
    private volatile Tally tally = new Tally();

    /**
     * @param run       distinguishes this run's devices from any earlier run's
     * @param location  the location tag of every reading: what InfluxDB is counted by
     * @param mqttShare share of readings over MQTT, 0 to 1
     * @param probes    where probe readings are registered; null for none
     */
    PipelineLoad(String run, String location, double mqttShare, ProbeWatcher probes) {
        this.run = run;
        this.location = location;
        this.mqttShare = mqttShare;
        this.probes = probes;
    }

    /** The probe devices, one per path. */
    static List<String> probeDevices(String run) {
        return List.of(probeDevice(run, Ingress.HTTP), probeDevice(run, Ingress.MQTT));
    }

    private static String probeDevice(String run, Ingress ingress) {
        return run + "-probe-" + ingress.label;
    }

    String location() {
        return location;
    }

    /** Starts counting the answers of a new phase; returns its tally. */
    Tally newTally() {
        tally = new Tally();
        return tally;
    }

    /**
     * The readings of {@code phase}: reading {@code index}, due at {@code dueNanos}.
     *
     * @param fireEvery  one in this many fires an alert
     * @param probeEvery one in this many (not firing) is a probe
     */
    EventSource phase(int phase, int fireEvery, int probeEvery) {
        return (index, dueNanos) -> event(phase, index, dueNanos, fireEvery, probeEvery);
    }

    HttpMessage event(int phase, long index, long dueNanos, int fireEvery, int probeEvery) {
        boolean fires = index % fireEvery == 0;
        boolean probe = !fires && index % probeEvery == (probeEvery > 1 ? 1 : 0);
        Ingress ingress = fires ? ingress(index / fireEvery) : probe ? ingress(index / probeEvery) : ingress(index);
        String device = fires ? run + "-p" + phase + "-fire-" + index
                : probe ? probeDevice(run, ingress)
                : run + "-d" + (index % CALM_DEVICES);
        long sampleMillis = wallMillis(dueNanos);
        Reading reading = Readings.dht11(device, location, fires ? FIRING_CELSIUS : 21.0 + (index % 30) / 10.0, 45.0,
                Instant.ofEpochMilli(sampleMillis).toString());
        if (fires) {
            byFiringDevice.put(device, new AlertLoad.Sent(phase, dueNanos, true));
        }
        if (probe && probes != null) {
            probes.expect(phase, device, sampleMillis, dueNanos, ingress);
        }
        HttpMessage message = ingress == Ingress.MQTT
                ? MqttSender.message(topic(device), EventData.toJson(reading), Map.of())
                : CloudEventHttp.binary(ReadingEvents.of(reading));
        if (fires) {
            firingIds.put(ingress == Ingress.MQTT ? topic(device) : message.header("ce-id"), Boolean.TRUE);
        }
        return message;
    }

    /** Reading {@code n} of a sequence goes over MQTT when it crosses the next multiple of the share. */
    Ingress ingress(long n) {
        return Math.floor((n + 1) * mqttShare) > Math.floor(n * mqttShare) ? Ingress.MQTT : Ingress.HTTP;
    }

    /** The topic a gateway publishes a device's readings to: the bridge's {@code kedge/+/reading}. */
    static String topic(String device) {
        return "kedge/" + device + "/reading";
    }

    /** {@code dueNanos} on the wall clock, in ms: a reading's sample time. */
    long wallMillis(long dueNanos) {
        return wallBaseMillis + Math.floorDiv(dueNanos - nanoBase, 1_000_000L);
    }

    /** {@code sender}, counting the answers into the current {@link Tally} by path. */
    EventSender counting(EventSender sender) {
        return new EventSender() {
            @Override
            public CompletionStage<SendResult> send(HttpMessage message) {
                Tally counted = tally;
                boolean mqtt = MqttSender.isMqtt(message);
                boolean firing = firingIds.remove(mqtt ? message.header(MqttSender.TOPIC) : message.header("ce-id")) != null;
                return sender.send(message).whenComplete((result, error) -> {
                    boolean in = error == null && result.accepted();
                    if (mqtt) {
                        (in ? counted.mqttAcked : counted.mqttErrors).increment();
                    } else if (in) {
                        counted.httpAccepted.increment();
                    } else if (error == null && result.backpressure()) {
                        counted.httpRefused.increment();
                    } else {
                        counted.httpErrors.increment();
                    }
                    if (in && firing) {
                        counted.firingIn.increment();
                    }
                });
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    /** No subscriber looks up readings by id here: only fired alerts are matched. */
    @Override
    public AlertLoad.Sent reading(String readingId) {
        return null;
    }

    @Override
    public AlertLoad.Sent firingReading(String device) {
        return byFiringDevice.get(device);
    }
}
