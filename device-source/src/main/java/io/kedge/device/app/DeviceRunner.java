package io.kedge.device.app;

import io.kedge.device.DeviceIdentity;
import io.kedge.device.DeviceStatus;
import io.kedge.device.Intervals;
import io.kedge.device.ProgressReport;
import io.kedge.device.SensorPoller;
import io.kedge.device.forward.StoreAndForward;
import io.kedge.device.sensor.IioDht;
import io.kedge.device.sensor.Sensor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Polls the sensor every interval and logs a progress line every log interval, from startup to shutdown. */
@Singleton
public class DeviceRunner {

    private static final Logger LOG = Logger.getLogger(DeviceRunner.class);

    private final DeviceConfig config;
    private final DeviceIdentity identity;
    private final Sensor sensor;
    private final SensorPoller poller;
    private final StoreAndForward forwarder;
    private final ProgressReport report = new ProgressReport();
    private final Duration interval;
    private ScheduledExecutorService ticks;

    DeviceRunner(DeviceConfig config, DeviceIdentity identity, Sensor sensor, SensorPoller poller,
                 StoreAndForward forwarder) {
        this.config = config;
        this.identity = identity;
        this.sensor = sensor;
        this.poller = poller;
        this.forwarder = forwarder;
        this.interval = Intervals.atLeast(config.interval(), config.minIntervalOverride().orElse(sensor.minimumPeriod()));
    }

    void start(@Observes StartupEvent startup) {
        if (!interval.equals(config.interval())) {
            LOG.warnf("kedge.device.interval %s is below the %s a %s needs between reads; polling every %s",
                    Intervals.text(config.interval()), Intervals.text(interval), sensor.model(), Intervals.text(interval));
        }
        config.minIntervalOverride().ifPresent(floor -> LOG.warnf(
                "kedge.device.min-interval-override=%s is set: a test-only setting, never for real hardware",
                Intervals.text(floor)));
        ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kedge-poll");
            thread.setDaemon(true);
            return thread;
        });
        if (polls()) {
            LOG.infof("Device %s at %s: reading %s%s every %s, sending to %s through %s", identity.deviceId(),
                    identity.location(), sensor.model(), sensor instanceof IioDht iio ? " (" + iio.describe() + ")" : "",
                    Intervals.text(interval), forwarder.target(), forwarder.buffer().file());
            // Fixed delay, not rate: a late tick (a slow start, a long GC) must not be caught up with
            // reads in a burst, which a DHT answers with stale data, and which would repeat a sample time.
            ticks.scheduleWithFixedDelay(poller::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            LOG.infof("Device %s at %s: no sensor (kedge.device.sensor=none); forwarding to %s through %s",
                    identity.deviceId(), identity.location(), forwarder.target(), forwarder.buffer().file());
        }
        long logEvery = config.logInterval().toMillis();
        ticks.scheduleAtFixedRate(() -> LOG.info(report.line(status())), logEvery, logEvery, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (ticks != null) {
            ticks.shutdownNow();
            try {
                ticks.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // The last sample's append may still be on its way to disk: the final line must count it
        // as buffered (or its eviction as dropped), as the buffer file will after a restart.
        poller.awaitOffered(Duration.ofSeconds(5));
        LOG.info("Stopping: " + report.line(status()));
    }

    public DeviceStatus status() {
        return DeviceStatus.of(poller.stats(), forwarder.stats());
    }

    /** Whether a sensor is polled at all. */
    public boolean polls() {
        return config.sensor() != SensorKind.NONE;
    }

    /** The poll interval in force, after the sensor's minimum was applied. */
    public Duration interval() {
        return interval;
    }
}
