package io.kedge.fault;

import io.kedge.testkit.QosOnePublisher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A LoRa gateway publishing readings of one device at QoS 1, paced: each message counts as sent
 * once Mosquitto acknowledged it (PUBACK), and is published again until it does (testkit
 * {@link QosOnePublisher}). Message {@code i} carries the sample time {@code first + i ms}, its
 * identity in InfluxDB.
 */
final class MqttLoad implements AutoCloseable {

    private final QosOnePublisher publisher;
    private final String topic;
    private final String device;
    private final int perSecond;
    private final Instant first = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long limit = Long.MAX_VALUE;

    private MqttLoad(int port, String topic, String device, int perSecond) {
        this.publisher = new QosOnePublisher("127.0.0.1", port, "gateway-" + device);
        this.topic = topic;
        this.device = device;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "mqtt-load-" + device);
        thread.setDaemon(true);
    }

    /** Publishes {@code perSecond} readings a second of {@code device} to {@code topic} until stopped. */
    static MqttLoad start(int port, String topic, String device, int perSecond) {
        return start(port, topic, device, perSecond, Long.MAX_VALUE);
    }

    /** Publishes {@code count} readings of {@code device} at {@code perSecond}, then stops by itself. */
    static MqttLoad start(int port, String topic, String device, int perSecond, long count) {
        MqttLoad load = new MqttLoad(port, topic, device, perSecond);
        load.limit = count;
        load.thread.start();
        Progress.log("mqtt load: %d readings/s of %s to topic %s at QoS 1%s", perSecond, device, topic,
                count == Long.MAX_VALUE ? "" : ", " + count + " in all");
        return load;
    }

    private void run() {
        long start = System.nanoTime();
        for (long index = 0; running && index < limit; index++) {
            long wait = start + index * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait)); // pacing of the gateway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Instant sampled = first.plusMillis(index);
            try {
                publisher.publish(topic, payload(index, sampled));
                acknowledged.add(sampled.toEpochMilli());
            } catch (IllegalStateException e) {
                failed.incrementAndGet();
            }
        }
    }

    /** The bridge's {@code flat} preset. */
    private String payload(long index, Instant sampled) {
        return String.format(Locale.ROOT,
                "{\"deviceId\":\"%s\",\"location\":\"%s\",\"sensor\":\"dht11\",\"temperature\":%.1f,\"humidity\":%d,\"time\":\"%s\"}",
                device, FaultStack.LOCATION, 15.0 + (index % 150) / 10.0, 30 + index % 40, sampled);
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    /** Stops publishing after the message in progress; the sample times Mosquitto acknowledged. */
    Set<Long> stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(90));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Progress.log("mqtt load of %s stopped: %d messages acknowledged (PUBACK), %d published again after a failure, %d given up",
                device, acknowledged.size(), publisher.retries(), failed.get());
        return Set.copyOf(acknowledged);
    }

    /** Whether it has published all of a bounded run. */
    boolean finished() {
        return !thread.isAlive();
    }

    /** Messages never acknowledged within the publisher's 60 s: each one fails the test. */
    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running = false;
        publisher.close();
    }
}
