package io.kedge.device;

import io.kedge.contract.ReadingEvents;
import io.kedge.device.forward.Forwarder;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.sensor.SensorFault;
import io.kedge.device.sensor.SensorResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One tick of the device: read the sensor, hand a sample to the forwarder as an
 * {@code io.kedge.reading.v1} event, count a failure by kind.
 *
 * <p>Every read that ends without a sample gives one {@code event=sensor_error} line (INFO, with
 * the error code of {@link SensorFault#code()} and the attempts it took): the line a log shipper
 * turns into the {@code sensor_error} series. A run of failures is also reported once as a WARN,
 * and its end as an INFO.
 */
public final class SensorPoller {

    /** Failed reads in a row after which the sensor is reported as failing. */
    static final int FAILING_AFTER = 5;
    private static final Duration MIN_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(SensorPoller.class);

    private final Sensor sensor;
    private final DeviceIdentity identity;
    private final Forwarder forwarder;
    private final Clock clock;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();
    private final Map<SensorFault, AtomicLong> faults = new EnumMap<>(SensorFault.class);
    private volatile Instant lastPoll;
    /** The append of the latest sample; the buffer commits in order, so all earlier ones are done when it is. */
    private volatile CompletableFuture<Void> lastOffer = CompletableFuture.completedFuture(null);
    private int failuresInARow;
    private boolean bufferFailing;

    public SensorPoller(Sensor sensor, DeviceIdentity identity, Forwarder forwarder, Clock clock) {
        this.sensor = sensor;
        this.identity = identity;
        this.forwarder = forwarder;
        this.clock = clock;
        for (SensorFault fault : SensorFault.values()) {
            faults.put(fault, new AtomicLong());
        }
    }

    /** Reads once. Never throws: a periodic executor would silently stop calling it. */
    public synchronized void poll() {
        lastPoll = clock.instant();
        try {
            SensorResult result = sensor.read();
            result.faults().forEach(fault -> faults.get(fault).incrementAndGet());
            if (result instanceof SensorResult.Sample sample) {
                read.incrementAndGet();
                readSucceeded();
                offer(sample);
            } else if (result instanceof SensorResult.Failure failure) {
                readFailed(failure.fault(), failure.faults().size(), failure.detail());
            }
        } catch (RuntimeException e) {
            faults.get(SensorFault.OTHER).incrementAndGet();
            readFailed(SensorFault.OTHER, 1, e.toString());
            LOG.debug("Sensor read threw", e);
        }
    }

    public PollStats stats() {
        Map<SensorFault, Long> counts = new EnumMap<>(SensorFault.class);
        faults.forEach((fault, count) -> counts.put(fault, count.get()));
        return new PollStats(read.get(), readFailures.get(), lastPoll, counts);
    }

    public String sensorModel() {
        return sensor.model();
    }

    private void offer(SensorResult.Sample sample) {
        lastOffer = forwarder.offer(ReadingEvents.of(identity.toReading(sensor.model(), sample.measurement())))
                .whenComplete((kept, error) -> bufferResult(error))
                .toCompletableFuture();
    }

    /**
     * Waits, at most {@code atMost}, until the samples taken so far are in the buffer or were refused
     * by it: then the buffer's counts include every sample that {@link #stats()} counts as read.
     */
    public void awaitOffered(Duration atMost) {
        try {
            lastOffer.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("The last sample's append did not complete cleanly: %s", e.toString());
        }
    }

    private synchronized void bufferResult(Throwable error) {
        // The forwarder logs the failure itself and counts it; this only says what it means for the sensor.
        if (error != null && !bufferFailing) {
            bufferFailing = true;
            LOG.errorf("Readings of %s are being lost: the buffer does not take them (%s)", sensor.model(), error.getMessage());
        } else if (error == null && bufferFailing) {
            bufferFailing = false;
            LOG.infof("The buffer takes readings of %s again", sensor.model());
        }
    }

    private void readSucceeded() {
        if (failuresInARow >= FAILING_AFTER) {
            LOG.infof("Sensor %s reads again after %d failures in a row", sensor.model(), failuresInARow);
        }
        failuresInARow = 0;
    }

    private void readFailed(SensorFault fault, int attempts, String detail) {
        readFailures.incrementAndGet();
        failuresInARow++;
        LOG.infof("event=sensor_error device=%s sensor=%s error=%s attempts=%d detail=\"%s\"", identity.deviceId(),
                sensor.model(), fault.code(), attempts, detail);
        if (failuresInARow == FAILING_AFTER) {
            LOG.warnf("Sensor %s failed %d reads in a row (last: %s %s)", sensor.model(), FAILING_AFTER, fault.code(), detail);
        }
    }

    /**
     * @param read         samples taken
     * @param readFailures reads that produced no sample (after their retries)
     * @param lastPoll     when the sensor was last polled, {@code null} before the first poll
     * @param faults       failed attempts by kind, retried ones included
     */
    public record PollStats(long read, long readFailures, Instant lastPoll, Map<SensorFault, Long> faults) {

        public PollStats {
            faults = Map.copyOf(faults);
        }

        public PollStats(long read, long readFailures, Instant lastPoll) {
            this(read, readFailures, lastPoll, Map.of());
        }

        /** Whether the poll loop has missed about three ticks (but never less than 10 s). */
        public boolean stalled(Instant now, Duration interval) {
            Duration grace = interval.multipliedBy(3);
            if (grace.compareTo(MIN_GRACE) < 0) {
                grace = MIN_GRACE;
            }
            return lastPoll != null && Duration.between(lastPoll, now).compareTo(grace) > 0;
        }
    }
}
