package io.kedge.device;

import io.kedge.device.forward.Forwarder;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.sensor.SensorResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One tick of the device: read the sensor, hand a sample to the forwarder, count a failure.
 * Single failures are normal for a DHT11 and only counted; a run of them is logged once.
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
    private volatile Instant lastPoll;
    private int failuresInARow;

    public SensorPoller(Sensor sensor, DeviceIdentity identity, Forwarder forwarder, Clock clock) {
        this.sensor = sensor;
        this.identity = identity;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /** Reads once. Never throws: a periodic executor would silently stop calling it. */
    public synchronized void poll() {
        lastPoll = clock.instant();
        try {
            SensorResult result = sensor.read();
            if (result instanceof SensorResult.Sample sample) {
                read.incrementAndGet();
                readSucceeded();
                forwarder.offer(identity.toReading(sensor.model(), sample.measurement()));
            } else if (result instanceof SensorResult.Failure failure) {
                readFailed(failure.fault() + ": " + failure.detail());
            }
        } catch (RuntimeException e) {
            readFailed(e.toString());
            LOG.debug("Sensor read threw", e);
        }
    }

    public PollStats stats() {
        return new PollStats(read.get(), readFailures.get(), lastPoll);
    }

    public String sensorModel() {
        return sensor.model();
    }

    private void readSucceeded() {
        if (failuresInARow >= FAILING_AFTER) {
            LOG.infof("Sensor %s reads again after %d failures in a row", sensor.model(), failuresInARow);
        }
        failuresInARow = 0;
    }

    private void readFailed(String reason) {
        readFailures.incrementAndGet();
        failuresInARow++;
        if (failuresInARow == FAILING_AFTER) {
            LOG.warnf("Sensor %s failed %d reads in a row (last: %s)", sensor.model(), FAILING_AFTER, reason);
        } else {
            LOG.debugf("Sensor %s read failed: %s", sensor.model(), reason);
        }
    }

    /**
     * @param read         samples taken
     * @param readFailures reads that produced no sample
     * @param lastPoll     when the sensor was last polled, {@code null} before the first poll
     */
    public record PollStats(long read, long readFailures, Instant lastPoll) {

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
