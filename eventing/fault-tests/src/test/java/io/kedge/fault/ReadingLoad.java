package io.kedge.fault;

import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.fixtures.Readings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device sending readings to the broker's ingress over HTTP at a paced rate, the way a device
 * with its own retry does: each reading is sent again (same id, same sample time) until the broker
 * answers 202, through 503s, refused connections and resets. So every reading it made is one the
 * broker took, and a reading of it missing from InfluxDB was lost downstream of the 202.
 *
 * <p>Reading {@code i} is sampled at {@code first + i ms}: its sample time is its identity in
 * InfluxDB (device and location tags, timestamp), and what the tests compare.
 */
final class ReadingLoad implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** A pause between attempts at one reading: the device's retry pacing. */
    private static final long RETRY_PAUSE_MILLIS = 200;
    /** A reading not taken after this long is given up and counted, failing the test. */
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final String ingress;
    private final String device;
    private final int perSecond;
    private final Instant first = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    private final long startNanos = System.nanoTime();
    private final AtomicLong next = new AtomicLong();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final List<Thread> lanes = new ArrayList<>();
    private volatile boolean running = true;

    private ReadingLoad(String ingress, String device, int perSecond) {
        this.ingress = ingress;
        this.device = device;
        this.perSecond = perSecond;
    }

    /** Starts {@code perSecond} readings a second of {@code device}, over {@code lanes} connections. */
    static ReadingLoad start(String ingress, String device, int perSecond, int lanes) {
        ReadingLoad load = new ReadingLoad(ingress, device, perSecond);
        for (int i = 0; i < lanes; i++) {
            Thread lane = new Thread(load::run, "load-" + device + "-" + i);
            lane.setDaemon(true);
            load.lanes.add(lane);
            lane.start();
        }
        Progress.log("load: %d readings/s of %s to %s over %d connections", perSecond, device, ingress, lanes);
        return load;
    }

    private void run() {
        while (running) {
            long index = next.getAndIncrement();
            long due = startNanos + index * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                pause(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            deliver(index);
        }
    }

    private void deliver(long index) {
        Instant sampled = first.plusMillis(index);
        HttpMessage message = CloudEventHttp.binary(ReadingEvents.of(Readings.dht11(device, FaultStack.LOCATION,
                15.0 + (index % 150) / 10.0, 30 + index % 40, sampled.toString())));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingress))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                HttpResponse<Void> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status == 202) {
                    acknowledged.add(sampled.toEpochMilli());
                    return;
                }
                if (status == 503 || status == 429 || status >= 500 || status == 404) {
                    busy.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                transportErrors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned.incrementAndGet();
                return;
            }
            pause(RETRY_PAUSE_MILLIS);
        }
        abandoned.incrementAndGet();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // pacing of the sender, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sample times (epoch ms) of the readings the broker answered 202. */
    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * Stops making readings and waits until every reading already made is taken (or given up).
     *
     * @return the readings taken, as sample times
     */
    Set<Long> stop() {
        running = false;
        for (Thread lane : lanes) {
            try {
                lane.join(GIVE_UP.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Progress.log("load of %s stopped: %d readings taken (202), %d answers 503/5xx/404 and %d transport errors retried,"
                + " %d refused, %d given up", device, acknowledged.size(), busy.get(), transportErrors.get(), refused.get(),
                abandoned.get());
        return acknowledged();
    }

    /** Readings refused (a 4xx other than 404/429) or never taken: each one fails the test. */
    long failed() {
        return refused.get() + abandoned.get();
    }

    String counts() {
        return acknowledged.size() + " taken, " + busy.get() + " busy answers, " + transportErrors.get() + " transport errors";
    }

    @Override
    public void close() {
        running = false;
    }
}
