package io.kedge.device.app;

import io.kedge.device.actuator.ActuatorScope;
import io.kedge.device.mqtt.PayloadMapping;
import io.kedge.device.pi4j.Pi4jPlatform;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Sensor to read: {@code simulated}, {@code iio-dht11}, {@code iio-dht22}, {@code bme280} or
     * {@code none}. Default {@code simulated} (no hardware).
     */
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

    /** Time between two sensor reads. Default 2 s; raised with a warning to the sensor's minimum (2 s for a DHT). */
    @WithDefault("2s")
    Duration interval();

    /**
     * TEST ONLY: replaces the sensor's minimum interval so that tests can poll fast. Never set it
     * on a device: a DHT11 polled faster than every 2 s repeats stale values or stops answering.
     */
    Optional<Duration> minIntervalOverride();

    /** Time between two progress lines in the log (the forwarder's too). Default 10 s. */
    @WithDefault("10s")
    Duration logInterval();

    /** Timeout of one POST to the sink, connect included. Default 5 s. */
    @WithDefault("5s")
    Duration sendTimeout();

    /**
     * Most POSTs in flight at once: a backlog drains up to this many times faster than one request
     * at a time. Events sent together may arrive out of order (each reading carries its sample
     * time); 1 sends one at a time, strictly in order. The uplink always sends one at a time, so
     * an alert's resolved never overtakes its fired upstream. At least 1. Default 32.
     */
    @WithDefault("32")
    int sendConcurrency();

    Simulated simulated();

    Iio iio();

    Bme280 bme280();

    Pi4j pi4j();

    Buffer buffer();

    Retry retry();

    Mqtt mqtt();

    Actuator actuator();

    Uplink uplink();

    /** The simulated DHT11. */
    interface Simulated {

        /** Seed of every random draw. Default: derived from the device id, so each device differs and repeats itself. */
        Optional<Long> seed();

        /** Probability in [0, 1] that a read fails (EIO, ETIMEDOUT, EAGAIN). Default 0.05. */
        @WithDefault("0.05")
        double faultRate();

        /** Probability in [0, 1] that a sample carries an implausible spike. Default 0.005. */
        @WithDefault("0.005")
        double spikeRate();

        /** Probability in [0, 1] that a read starts an outage of 5 to 30 timed-out reads. Default 0.001. */
        @WithDefault("0.001")
        double outageRate();
    }

    /** The kernel IIO reader of a DHT11/DHT22 ({@code iio-dht11}, {@code iio-dht22}). */
    interface Iio {

        /**
         * The sensor's IIO directory, e.g. {@code /sys/bus/iio/devices/iio:device0}. Default: the
         * first device under {@link #root()} whose {@code name} starts with {@code dht11}.
         */
        Optional<String> device();

        /** Where IIO devices are listed. Default {@code /sys/bus/iio/devices}. */
        @WithDefault("/sys/bus/iio/devices")
        String root();

        /** Transactions per read before the read counts as failed. Default 3. */
        @WithDefault("3")
        int attempts();

        /** Least time between the starts of two transactions; never below 2 s. Default 2 s. */
        @WithDefault("2s")
        Duration retryDelay();
    }

    /** The BME280 on I2C ({@code bme280}). */
    interface Bme280 {

        /** I2C bus: 1 is the header's SDA1/SCL1 (physical pins 3 and 5). Default 1. */
        @WithDefault("1")
        int bus();

        /** I2C address, decimal or 0x hex: 0x76 with SDO to GND, 0x77 with SDO to 3.3 V. Default {@code 0x76}. */
        @WithDefault("0x76")
        String address();
    }

    /** Pi4J, for the BME280 and the actuator's GPIO outputs; not loaded unless one of them is used. */
    interface Pi4j {

        /**
         * {@code hardware} (GPIO via libgpiod, I2C via /dev/i2c-N) or {@code mock} (Pi4J's mock
         * platform: try the actuator or wiring on a machine without GPIO). Default {@code hardware}.
         */
        @WithDefault("hardware")
        Pi4jPlatform platform();
    }

    /** The durable store-and-forward buffer. */
    interface Buffer {

        /**
         * Directory of the buffer file {@code forward.mv.db}, relative to the working directory.
         * One process per directory. Default {@code .kedge/device-source}.
         */
        @WithDefault(".kedge/device-source")
        String dir();

        /** Most events kept while the sink is down; the oldest are dropped beyond it. Default 100000 (2.3 days at 2 s). */
        @WithDefault("100000")
        long capacity();

        /** Most bytes of events kept (K/M/G suffixes); the oldest are dropped beyond it. Default 64M. */
        @WithDefault("64M")
        MemorySize maxSize();

        /** Force each write to the device before a reading counts as kept. Off keeps kill -9 safety, not power-loss safety. Default true. */
        @WithDefault("true")
        boolean fsync();
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

    /**
     * The MQTT bridge for LoRa gateways: a QoS 1 subscription in a persistent session
     * ({@link io.kedge.device.mqtt.MqttSubscriber}), each message acknowledged once its event is on disk.
     */
    interface Mqtt {

        /** Whether the bridge subscribes at all. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** MQTT broker host. Default {@code 127.0.0.1}. */
        @WithDefault("127.0.0.1")
        String host();

        /** MQTT broker port. Default 1883. */
        @WithDefault("1883")
        int port();

        /** Topic filter, {@code +} and {@code #} wildcards allowed. Default {@code kedge/+/reading}. */
        @WithDefault("kedge/+/reading")
        String topic();

        /** Client id of the persistent session; must differ per device. Default {@code kedge-<device id>}. */
        Optional<String> clientId();

        /** User name for the MQTT broker. Default none. */
        Optional<String> username();

        /** Password for the MQTT broker. Default none. */
        Optional<String> password();

        /**
         * Messages taken from the connection whose events are not yet on disk, before the bridge
         * stops reading the socket until half of them are settled: a backlog waits at the MQTT
         * broker, not in memory. Default 256.
         */
        @WithDefault("256")
        int maxUnacked();

        /** MQTT keep-alive interval. Default 30 s. */
        @WithDefault("30s")
        Duration keepAlive();

        /** Pause between two connection attempts while the MQTT broker is unreachable. Default 1 s. */
        @WithDefault("1s")
        Duration reconnectDelay();

        /** Largest MQTT message accepted, in bytes; a larger one closes the connection. Default 262144 (256 KiB). */
        @WithDefault("262144")
        int maxMessageSize();

        /** MQTT over TLS (e.g. port 8883), the server's certificate and host name verified. Default false. */
        @WithDefault("false")
        boolean tls();

        /** PEM file of the CA certificates trusted for TLS. Default none: the JVM's trust store (public CAs). */
        Optional<String> caFile();

        /** Payload shape: {@code flat}, {@code chirpstack} or {@code ttn}. Default {@code flat}. */
        @WithDefault("flat")
        PayloadMapping.Preset preset();

        /** JSON pointer of the device id, replacing the preset's. */
        Optional<String> deviceIdPointer();

        /** JSON pointer of the location, replacing the preset's. */
        Optional<String> locationPointer();

        /** JSON pointer of the sensor model, replacing the preset's. */
        Optional<String> sensorPointer();

        /** JSON pointer of the temperature (°C), replacing the preset's. */
        Optional<String> temperaturePointer();

        /** JSON pointer of the humidity (%RH), replacing the preset's. */
        Optional<String> humidityPointer();

        /** JSON pointer of the pressure (hPa), replacing the preset's. */
        Optional<String> pressurePointer();

        /** JSON pointer of the sample time (RFC 3339 with zone), replacing the preset's. */
        Optional<String> timePointer();

        /** Sensor model of readings whose payload names none; validate applies its unknown-sensor policy to it. Default {@code unknown}. */
        @WithDefault("unknown")
        String defaultSensor();

        /** Location of readings whose payload names none. Default none. */
        Optional<String> defaultLocation();

        /**
         * Topic level (from 0) holding the device id when the payload has none; negative: never from
         * the topic. Default 1 ({@code kedge/<device>/reading}).
         */
        @WithDefault("1")
        int deviceIdTopicLevel();
    }

    /** GPIO outputs switched by alert events posted to {@code /actuator}. */
    interface Actuator {

        /**
         * Rule → output mapping, {@code rule=pin[:active-low]} comma-separated, BCM numbering, e.g.
         * {@code temperature-high=17,humidity-high=27:active-low}. Default none (alerts are taken and ignored).
         */
        Optional<String> pins();

        /** Which alerts to act on: {@code device} (this device's), {@code location} or {@code any}. Default {@code device}. */
        @WithDefault("device")
        ActuatorScope scope();
    }

    /**
     * The uplink: events the local broker's uplink Triggers post to {@code /uplink} (summaries and
     * alerts) are kept in a durable buffer of their own and forwarded oldest first to an upstream
     * CloudEvents endpoint. Retries follow {@code kedge.device.retry.*}, requests
     * {@code kedge.device.send-timeout}.
     */
    interface Uplink {

        /**
         * Upstream URL events are posted to in binary mode: another Kedge broker's ingress
         * ({@code http://cloud:8080/kedge/default}) or any CloudEvents endpoint. Unset (the default):
         * {@code /uplink} answers 204 and drops what it gets, counted.
         */
        Optional<URI> url();

        /**
         * Event types forwarded; others are answered 204 and dropped, counted. Default the summaries
         * and alerts; add {@code io.kedge.reading.validated.v1} (and a Trigger for it) to send raw readings.
         */
        @WithDefault("io.kedge.summary.v1,io.kedge.alert.fired.v1,io.kedge.alert.resolved.v1")
        Set<String> types();

        UplinkBuffer buffer();
    }

    /** The uplink's own durable buffer: never the device's directory. */
    interface UplinkBuffer {

        /** Directory of the uplink's buffer file, relative to the working directory. Default {@code .kedge/device-source-uplink}. */
        @WithDefault(".kedge/device-source-uplink")
        String dir();

        /** Most events kept while upstream is unreachable; the oldest are dropped beyond it. Default 100000 (about 35 days of 2 summaries a minute for one device). */
        @WithDefault("100000")
        long capacity();

        /** Most bytes of events kept (K/M/G suffixes); the oldest are dropped beyond it. Default 64M. */
        @WithDefault("64M")
        MemorySize maxSize();

        /** Force each write to the device before the 202. Default true. */
        @WithDefault("true")
        boolean fsync();
    }
}
