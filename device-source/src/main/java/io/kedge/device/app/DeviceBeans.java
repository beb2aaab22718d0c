package io.kedge.device.app;

import io.kedge.device.DeviceIdentity;
import io.kedge.device.SensorPoller;
import io.kedge.device.forward.Backoff;
import io.kedge.device.forward.BufferedForwarder;
import io.kedge.device.forward.Forwarder;
import io.kedge.device.forward.MemoryBuffer;
import io.kedge.device.send.CeOverrides;
import io.kedge.device.send.HttpReadingSender;
import io.kedge.device.send.ReadingSender;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.sensor.SimulatedDht11;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
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

    @Produces
    @Singleton
    Sensor sensor(DeviceConfig config, DeviceIdentity identity, Clock clock) {
        return switch (config.sensor()) {
            case SIMULATED -> configured("kedge.device.simulated.*", () -> new SimulatedDht11(
                    config.simulated().seed().orElse((long) identity.deviceId().hashCode()),
                    config.simulated().faultRate(), config.simulated().spikeRate(), clock));
        };
    }

    @Produces
    @Singleton
    ReadingSender sender(DeviceConfig config) {
        return configured("kedge.device.sink / K_SINK / kedge.device.ce-overrides / K_CE_OVERRIDES",
                () -> new HttpReadingSender(config.sink(), CeOverrides.parse(config.ceOverrides().orElse(null)),
                        config.sendTimeout()));
    }

    @Produces
    @Singleton
    Forwarder forwarder(DeviceConfig config, ReadingSender sender, Clock clock) {
        return configured("kedge.device.buffer.* / kedge.device.retry.*", () -> new BufferedForwarder(
                new MemoryBuffer(config.buffer().capacity()), sender,
                new Backoff(config.retry().initialDelay(), config.retry().maxDelay()), clock));
    }

    void closeForwarder(@Disposes Forwarder forwarder) {
        forwarder.close();
    }

    /** Names the configuration keys in the startup failure, so the fix is obvious from the first line. */
    private static <T> T configured(String keys, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + keys + ": " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    SensorPoller poller(Sensor sensor, DeviceIdentity identity, Forwarder forwarder, Clock clock) {
        return new SensorPoller(sensor, identity, forwarder, clock);
    }
}
