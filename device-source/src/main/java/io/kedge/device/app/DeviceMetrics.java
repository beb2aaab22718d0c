package io.kedge.device.app;

import io.kedge.device.SensorPoller;
import io.kedge.device.actuator.Actuator;
import io.kedge.device.forward.ForwardingStats;
import io.kedge.device.forward.StoreAndForward;
import io.kedge.device.mqtt.MqttBridge;
import io.kedge.device.sensor.SensorFault;
import io.kedge.device.uplink.Uplink;
import java.util.function.ToLongFunction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * The device's meters at {@code /q/metrics}, read from the plain classes' own counters (the plain
 * classes know nothing of Micrometer):
 * {@code kedge_device_buffered}, {@code kedge_device_buffered_bytes}, {@code kedge_device_sent_total},
 * {@code kedge_device_dropped_total{reason=overflow|refused|store_failed}},
 * {@code kedge_device_reads_total}, {@code kedge_device_read_failures_total},
 * {@code kedge_device_sensor_errors_total{error=EIO|ETIMEDOUT|EAGAIN|NOT_FOUND|OTHER}},
 * {@code kedge_device_mqtt_messages_total{outcome=accepted|rejected|not_kept}},
 * {@code kedge_device_actuator_output{gpio}} (1 on, 0 off),
 * {@code kedge_device_uplink_buffered}, {@code kedge_device_uplink_buffered_bytes}, {@code kedge_device_uplink_sent_total},
 * {@code kedge_device_uplink_dropped_total{reason=overflow|refused|store_failed|no_uplink|type_not_allowed}}.
 */
@Singleton
public class DeviceMetrics implements MeterBinder {

    private final StoreAndForward forwarder;
    private final SensorPoller poller;
    private final MqttBridge mqtt;
    private final Actuator actuator;
    private final Uplink uplink;

    DeviceMetrics(StoreAndForward forwarder, SensorPoller poller, MqttBridge mqtt, Actuator actuator, Uplink uplink) {
        this.forwarder = forwarder;
        this.poller = poller;
        this.mqtt = mqtt;
        this.actuator = actuator;
        this.uplink = uplink;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kedge.device.buffered", forwarder, f -> f.stats().buffered())
                .description("Events on disk waiting for delivery").register(registry);
        Gauge.builder("kedge.device.buffered.bytes", forwarder, f -> f.stats().bufferedBytes())
                .description("Bytes of the events waiting for delivery").baseUnit("bytes").register(registry);
        FunctionCounter.builder("kedge.device.sent", forwarder, f -> f.stats().sent())
                .description("Events the sink accepted").register(registry);
        FunctionCounter.builder("kedge.device.dropped", forwarder, f -> f.stats().dropped()).tag("reason", "overflow")
                .description("Events not delivered: pushed out of a full buffer, refused by the sink, not writable")
                .register(registry);
        FunctionCounter.builder("kedge.device.dropped", forwarder, f -> f.stats().refused()).tag("reason", "refused")
                .register(registry);
        FunctionCounter.builder("kedge.device.dropped", forwarder, f -> f.stats().storeFailed()).tag("reason", "store_failed")
                .register(registry);
        FunctionCounter.builder("kedge.device.reads", poller, p -> p.stats().read())
                .description("Sensor samples taken").register(registry);
        FunctionCounter.builder("kedge.device.read.failures", poller, p -> p.stats().readFailures())
                .description("Sensor reads that ended without a sample, after their retries").register(registry);
        for (SensorFault fault : SensorFault.values()) {
            FunctionCounter.builder("kedge.device.sensor.errors", poller, p -> p.stats().faults().getOrDefault(fault, 0L))
                    .tag("error", fault.code())
                    .description("Failed sensor transactions by error, retried ones included").register(registry);
        }
        FunctionCounter.builder("kedge.device.mqtt.messages", mqtt, m -> m.stats().accepted()).tag("outcome", "accepted")
                .description("MQTT messages by outcome").register(registry);
        FunctionCounter.builder("kedge.device.mqtt.messages", mqtt, m -> m.stats().rejected()).tag("outcome", "rejected")
                .register(registry);
        FunctionCounter.builder("kedge.device.mqtt.messages", mqtt, m -> m.stats().notKept()).tag("outcome", "not_kept")
                .register(registry);
        for (Actuator.State state : actuator.states()) {
            int gpio = state.output().pin();
            Gauge.builder("kedge.device.actuator.output", actuator, a -> a.states().stream()
                            .filter(s -> s.output().pin() == gpio).anyMatch(Actuator.State::on) ? 1 : 0)
                    .tag("gpio", String.valueOf(gpio))
                    .description("Actuator output level: 1 on, 0 off").register(registry);
        }
        bindUplink(registry);
    }

    private void bindUplink(MeterRegistry registry) {
        Gauge.builder("kedge.device.uplink.buffered", uplink, u -> forwarding(u, ForwardingStats::buffered))
                .description("Events on disk waiting for delivery upstream").register(registry);
        Gauge.builder("kedge.device.uplink.buffered.bytes", uplink, u -> forwarding(u, ForwardingStats::bufferedBytes))
                .description("Bytes of the events waiting for delivery upstream").baseUnit("bytes").register(registry);
        FunctionCounter.builder("kedge.device.uplink.sent", uplink, u -> forwarding(u, ForwardingStats::sent))
                .description("Events upstream accepted").register(registry);
        FunctionCounter.builder("kedge.device.uplink.dropped", uplink, u -> forwarding(u, ForwardingStats::dropped))
                .tag("reason", "overflow")
                .description("Events posted to /uplink that do not go upstream, by reason").register(registry);
        FunctionCounter.builder("kedge.device.uplink.dropped", uplink, u -> forwarding(u, ForwardingStats::refused))
                .tag("reason", "refused").register(registry);
        FunctionCounter.builder("kedge.device.uplink.dropped", uplink, u -> forwarding(u, ForwardingStats::storeFailed))
                .tag("reason", "store_failed").register(registry);
        FunctionCounter.builder("kedge.device.uplink.dropped", uplink, u -> u.stats().noUplink())
                .tag("reason", "no_uplink").register(registry);
        FunctionCounter.builder("kedge.device.uplink.dropped", uplink, u -> u.stats().notAllowed())
                .tag("reason", "type_not_allowed").register(registry);
    }

    private static double forwarding(Uplink uplink, ToLongFunction<ForwardingStats> counter) {
        return uplink.stats().forwarding().map(counter::applyAsLong).orElse(0L);
    }
}
