package io.kedge.device.app;

import com.fasterxml.jackson.core.JsonPointer;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.kedge.device.DeviceIdentity;
import io.kedge.device.SensorPoller;
import io.kedge.device.actuator.Actuator;
import io.kedge.device.actuator.OutputPin;
import io.kedge.device.actuator.Outputs;
import io.kedge.device.actuator.PinMapping;
import io.kedge.device.forward.Backoff;
import io.kedge.device.forward.CeOverrides;
import io.kedge.device.forward.DurableBuffer;
import io.kedge.device.forward.EventSender;
import io.kedge.device.forward.HttpEventSender;
import io.kedge.device.forward.StoreAndForward;
import io.kedge.device.mqtt.MqttBridge;
import io.kedge.device.mqtt.PayloadMapping;
import io.kedge.device.mqtt.ReadingMapper;
import io.kedge.device.pi4j.GpioOutputs;
import io.kedge.device.sensor.Bme280;
import io.kedge.device.sensor.Dht11;
import io.kedge.device.sensor.IioDht;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.sensor.SensorFault;
import io.kedge.device.sensor.SensorResult;
import io.kedge.device.sensor.SimulatedDht11;
import io.kedge.device.sensor.Sleeper;
import io.kedge.device.sensor.SysfsReader;
import io.kedge.device.uplink.Uplink;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** Builds the plain device classes from {@link DeviceConfig}; the only place that knows which implementation is used. */
public class DeviceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Produces
    @Singleton
    DeviceIdentity identity(DeviceConfig config) {
        return new DeviceIdentity(config.id().orElseGet(DeviceIdentity::defaultDeviceId), config.location());
    }

    /** Pi4J is created only when a BME280 or an actuator output needs it: {@code ./kedge up} never loads native GPIO code. */
    @Produces
    @Singleton
    Context pi4j(DeviceConfig config) {
        return config.pi4j().platform().newContext();
    }

    void shutdownPi4j(@Disposes Context pi4j) {
        pi4j.shutdown();
    }

    @Produces
    @Singleton
    Sensor sensor(DeviceConfig config, DeviceIdentity identity, Clock clock, Instance<Context> pi4j) {
        return switch (config.sensor()) {
            case SIMULATED -> configured("kedge.device.simulated.*", () -> new SimulatedDht11(
                    config.simulated().seed().orElse((long) identity.deviceId().hashCode()),
                    config.simulated().faultRate(), config.simulated().spikeRate(), config.simulated().outageRate(), clock));
            case IIO_DHT11, IIO_DHT22 -> configured("kedge.device.iio.*", () -> new IioDht(
                    config.sensor() == SensorKind.IIO_DHT11 ? Dht11.MODEL : "dht22",
                    config.iio().device().map(Path::of), Path.of(config.iio().root()), config.iio().attempts(),
                    config.iio().retryDelay(), SysfsReader.FILES, clock, Sleeper.SYSTEM));
            case BME280 -> configured("kedge.device.bme280.* / kedge.device.pi4j.*", () -> new Bme280(
                    bme280Device(config, pi4j.get()), clock, Sleeper.SYSTEM));
            case NONE -> NoSensor.INSTANCE;
        };
    }

    private static I2C bme280Device(DeviceConfig config, Context pi4j) {
        int address;
        try {
            address = Integer.decode(config.bme280().address().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address \"" + config.bme280().address() + "\" is not a number like 0x76");
        }
        return pi4j.create(I2C.newConfigBuilder(pi4j)
                .id("kedge-bme280")
                .name("BME280")
                .bus(config.bme280().bus())
                .device(address)
                .provider(config.pi4j().platform().i2cProvider())
                .build());
    }

    @Produces
    @Singleton
    EventSender sender(DeviceConfig config) {
        return configured("kedge.device.sink / K_SINK / kedge.device.ce-overrides / K_CE_OVERRIDES",
                () -> new HttpEventSender(config.sink(), CeOverrides.parse(config.ceOverrides().orElse(null)),
                        config.sendTimeout()));
    }

    @Produces
    @Singleton
    StoreAndForward forwarder(DeviceConfig config, EventSender sender, Clock clock) {
        DurableBuffer.Limits limits = configured("kedge.device.buffer.*", () -> new DurableBuffer.Limits(
                config.buffer().capacity(), config.buffer().maxSize().asLongValue(), config.buffer().fsync()));
        Backoff backoff = configured("kedge.device.retry.*", () -> new Backoff(config.retry().initialDelay(),
                config.retry().maxDelay()));
        int concurrency = sendConcurrency(config);
        return new StoreAndForward(DurableBuffer.open(Path.of(config.buffer().dir()), limits), sender, backoff, clock,
                concurrency, config.logInterval());
    }

    void closeForwarder(@Disposes StoreAndForward forwarder) {
        forwarder.close();
    }

    /** A second store-and-forward, to upstream; its buffer is opened only when an upstream URL is set. */
    @Produces
    @Singleton
    Uplink uplink(DeviceConfig config, Clock clock) {
        DeviceConfig.Uplink uplink = config.uplink();
        if (uplink.url().isEmpty()) {
            return Uplink.none(uplink.types());
        }
        EventSender sender = configured("kedge.device.uplink.url", () -> new HttpEventSender(uplink.url().get(),
                CeOverrides.NONE, config.sendTimeout()));
        DurableBuffer.Limits limits = configured("kedge.device.uplink.buffer.*", () -> new DurableBuffer.Limits(
                uplink.buffer().capacity(), uplink.buffer().maxSize().asLongValue(), uplink.buffer().fsync()));
        Backoff backoff = configured("kedge.device.retry.*", () -> new Backoff(config.retry().initialDelay(),
                config.retry().maxDelay()));
        // One at a time: upstream, an incident's resolved must never overtake its fired. Summaries
        // and alerts are a few per minute, so a backlog still drains in seconds.
        int concurrency = 1;
        return Uplink.to(new StoreAndForward(DurableBuffer.open(Path.of(uplink.buffer().dir()), limits), sender,
                backoff, clock, concurrency, config.logInterval()), uplink.types());
    }

    /** Checked before a buffer is opened, so that a bad value leaves no file locked behind. */
    private static int sendConcurrency(DeviceConfig config) {
        return configured("kedge.device.send-concurrency", () -> {
            if (config.sendConcurrency() < 1) {
                throw new IllegalArgumentException("must be at least 1, got " + config.sendConcurrency());
            }
            return config.sendConcurrency();
        });
    }

    void closeUplink(@Disposes Uplink uplink) {
        uplink.close();
    }

    @Produces
    @Singleton
    SensorPoller poller(Sensor sensor, DeviceIdentity identity, StoreAndForward forwarder, Clock clock) {
        return new SensorPoller(sensor, identity, forwarder, clock);
    }

    @Produces
    @Singleton
    MqttBridge mqttBridge(DeviceConfig config, StoreAndForward forwarder, Clock clock) {
        return configured("kedge.device.mqtt.*", () -> new MqttBridge(new ReadingMapper(mapping(config.mqtt())),
                forwarder, clock));
    }

    static PayloadMapping mapping(DeviceConfig.Mqtt mqtt) {
        int level = mqtt.deviceIdTopicLevel();
        PayloadMapping mapping = mqtt.preset().mapping(mqtt.defaultSensor(), mqtt.defaultLocation(),
                level >= 0 ? OptionalInt.of(level) : OptionalInt.empty());
        mapping = pointer(mqtt.deviceIdPointer()).map(mapping::withDeviceId).orElse(mapping);
        mapping = pointer(mqtt.locationPointer()).map(mapping::withLocation).orElse(mapping);
        mapping = pointer(mqtt.sensorPointer()).map(mapping::withSensor).orElse(mapping);
        mapping = pointer(mqtt.temperaturePointer()).map(mapping::withTemperature).orElse(mapping);
        mapping = pointer(mqtt.humidityPointer()).map(mapping::withHumidity).orElse(mapping);
        mapping = pointer(mqtt.pressurePointer()).map(mapping::withPressure).orElse(mapping);
        return pointer(mqtt.timePointer()).map(mapping::withTime).orElse(mapping);
    }

    private static Optional<JsonPointer> pointer(Optional<String> text) {
        return text.map(PayloadMapping::pointer);
    }

    @Produces
    @Singleton
    PinMapping pinMapping(DeviceConfig config) {
        return configured("kedge.device.actuator.pins", () -> PinMapping.parse(config.actuator().pins().orElse(null)));
    }

    @Produces
    @Singleton
    Outputs outputs(PinMapping mapping, DeviceConfig config, Instance<Context> pi4j) {
        if (mapping.isEmpty()) {
            return NoOutputs.INSTANCE;
        }
        return new GpioOutputs(pi4j.get(), config.pi4j().platform().digitalOutputProvider(), mapping.outputs());
    }

    void closeOutputs(@Disposes Outputs outputs) {
        outputs.close();
    }

    @Produces
    @Singleton
    Actuator actuator(PinMapping mapping, DeviceConfig config, DeviceIdentity identity, Outputs outputs) {
        return new Actuator(mapping, config.actuator().scope(), identity, outputs);
    }

    /** Names the configuration keys in the startup failure, so the fix is obvious from the first line. */
    static <T> T configured(String keys, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + keys + ": " + e.getMessage(), e);
        }
    }

    /** {@code kedge.device.sensor=none}: never polled. */
    enum NoSensor implements Sensor {
        INSTANCE;

        @Override
        public String model() {
            return "none";
        }

        @Override
        public SensorResult read() {
            return new SensorResult.Failure(SensorFault.NOT_FOUND, "kedge.device.sensor=none");
        }

        @Override
        public Duration minimumPeriod() {
            return Dht11.MIN_SAMPLING_PERIOD;
        }
    }

    /** No output configured: the actuator ignores every alert before it gets here. */
    enum NoOutputs implements Outputs {
        INSTANCE;

        @Override
        public void set(OutputPin output, boolean on) {
            throw new IllegalStateException("no actuator output is configured");
        }

        @Override
        public boolean isOn(OutputPin output) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
