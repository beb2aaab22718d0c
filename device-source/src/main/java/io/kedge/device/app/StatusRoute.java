package io.kedge.device.app;

import io.kedge.device.DeviceIdentity;
import io.kedge.device.DeviceStatus;
import io.kedge.device.send.ReadingSender;
import io.kedge.device.sensor.Sensor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** {@code GET /status}: the device's counters as JSON, for people and scripts on the Pi. */
@Singleton
public class StatusRoute {

    private final DeviceRunner runner;
    private final DeviceIdentity identity;
    private final Sensor sensor;
    private final ReadingSender sender;

    StatusRoute(DeviceRunner runner, DeviceIdentity identity, Sensor sensor, ReadingSender sender) {
        this.runner = runner;
        this.identity = identity;
        this.sensor = sensor;
        this.sender = sender;
    }

    void register(@Observes Router router) {
        router.get("/status").handler(context -> context.response()
                .putHeader("content-type", "application/json")
                .end(json(runner.status()).encode()));
    }

    JsonObject json(DeviceStatus status) {
        return new JsonObject()
                .put("deviceId", identity.deviceId())
                .put("location", identity.location())
                .put("sensor", sensor.model())
                .put("sink", sender.target())
                .put("intervalMillis", runner.interval().toMillis())
                .put("read", status.read())
                .put("readFailures", status.readFailures())
                .put("sent", status.sent())
                .put("queued", status.queued())
                .put("dropped", status.dropped())
                .put("sinkUp", status.sinkUp());
    }
}
