package io.kedge.device.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the device source. Every key can be set as an environment variable
 * ({@code kedge.device.simulated.fault-rate} → {@code KEDGE_DEVICE_SIMULATED_FAULT_RATE}).
 */
@ConfigMapping(prefix = "kedge.device")
public interface DeviceConfig {

    /**
     * Device id: the event source {@code /devices/{id}} and the InfluxDB tag {@code device}.
     * Default {@code pi-<hostname>} ({@code pi-local} when there is no host name).
     */
    Optional<String> id();

    /** Where the device stands; the InfluxDB tag {@code location}. Default {@code livingroom}. */
    @WithDefault("livingroom")
    String location();

    /** Sensor to read. Default {@code simulated} (no hardware). */
    @WithDefault("simulated")
    SensorKind sensor();

    /**
     * URL events are posted to. Default {@code ${K_SINK}} as a Knative SinkBinding injects it,
     * else {@code http://127.0.0.1:8080/kedge/default} (the local broker's broker "default" in
     * namespace "kedge"); set in {@code application.properties}.
     */
    URI sink();

    /**
     * JSON {@code {"extensions":{"name":"value"}}} of extensions added to every event. Default
     * {@code ${K_CE_OVERRIDES}} as a SinkBinding injects it, else none.
     */
    Optional<String> ceOverrides();

    /** Time between two sensor reads. Default 2 s; raised with a warning to the sensor's minimum (2 s for a DHT11). */
    @WithDefault("2s")
    Duration interval();

    /**
     * TEST ONLY: replaces the sensor's minimum interval so that tests can poll fast. Never set it
     * on a device: a DHT11 polled faster than every 2 s repeats stale values or stops answering.
     */
    Optional<Duration> minIntervalOverride();

    /** Time between two progress lines in the log. Default 10 s. */
    @WithDefault("10s")
    Duration logInterval();

    /** Timeout of one POST to the sink, connect included. Default 5 s. */
    @WithDefault("5s")
    Duration sendTimeout();

    Simulated simulated();

    Buffer buffer();

    Retry retry();

    /** The simulated DHT11. */
    interface Simulated {

        /** Seed of every random draw. Default: derived from the device id, so each device differs and repeats itself. */
        Optional<Long> seed();

        /** Probability in [0, 1] that a read fails (EIO or ETIMEDOUT). Default 0.05. */
        @WithDefault("0.05")
        double faultRate();

        /** Probability in [0, 1] that a sample carries an implausible spike. Default 0.005. */
        @WithDefault("0.005")
        double spikeRate();
    }

    /** Readings kept while the sink is down. */
    interface Buffer {

        /** Most readings kept in memory; the oldest is dropped beyond it. Default 10000 (5.5 h at 2 s). */
        @WithDefault("10000")
        int capacity();
    }

    /** Waits between delivery attempts while the sink is down: exponential from initial to max. */
    interface Retry {

        /** First wait after a failed send. Default 1 s. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Longest wait between two attempts; a sink that is back is noticed within it. Default 30 s. */
        @WithDefault("30s")
        Duration maxDelay();
    }
}
