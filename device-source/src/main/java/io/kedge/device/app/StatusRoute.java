package io.kedge.device.app;

import io.kedge.device.DeviceIdentity;
import io.kedge.device.DeviceStatus;
import io.kedge.device.SensorPoller;
import io.kedge.device.forward.ForwardingStats;
import io.kedge.device.forward.StoreAndForward;
import io.kedge.device.mqtt.MqttBridge;
import io.kedge.device.mqtt.MqttSubscriber;
import io.kedge.device.sensor.Sensor;
import io.kedge.device.uplink.Uplink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** {@code GET /status}: the device's counters as JSON, for people and scripts on the Pi. */
@Singleton
public class StatusRoute {

    static final String PATH = "/status";

    private final DeviceRunner runner;
    private final DeviceIdentity identity;
    private final Sensor sensor;
    private final SensorPoller poller;
    private final StoreAndForward forwarder;
    private final MqttBridge mqtt;
    private final MqttBridgeRunner mqttRunner;
    private final DeviceConfig config;
    private final Uplink uplink;

    StatusRoute(DeviceRunner runner, DeviceIdentity identity, Sensor sensor, SensorPoller poller,
                StoreAndForward forwarder, MqttBridge mqtt, MqttBridgeRunner mqttRunner, DeviceConfig config,
                Uplink uplink) {
        this.runner = runner;
        this.identity = identity;
        this.sensor = sensor;
        this.poller = poller;
        this.forwarder = forwarder;
        this.mqtt = mqtt;
        this.mqttRunner = mqttRunner;
        this.config = config;
        this.uplink = uplink;
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(context -> context.response()
                .putHeader("content-type", "application/json")
                .end(json().encode()));
        // Only when no route serves the path; Vert.x would answer an HTML page.
        router.errorHandler(404, context -> context.response().setStatusCode(404)
                .putHeader("content-type", "text/plain; charset=utf-8")
                .end(context.request().method() + " " + context.request().path() + ": no such route; the device source"
                        + " serves GET " + PATH + ", GET and POST " + ActuatorRoute.PATH + ", POST " + UplinkRoute.PATH
                        + " and /q/health, /q/metrics\n"));
    }

    JsonObject json() {
        DeviceStatus status = runner.status();
        ForwardingStats forwarding = forwarder.stats();
        JsonObject sensorErrors = new JsonObject();
        poller.stats().faults().forEach((fault, count) -> sensorErrors.put(fault.code(), count));
        JsonObject json = new JsonObject()
                .put("deviceId", identity.deviceId())
                .put("location", identity.location())
                .put("sensor", runner.polls() ? sensor.model() : "none")
                .put("sink", forwarder.target())
                .put("intervalMillis", runner.interval().toMillis())
                .put("read", status.read())
                .put("readFailures", status.readFailures())
                .put("sensorErrors", sensorErrors)
                .put("sent", status.sent())
                .put("buffered", status.buffered())
                .put("bufferedBytes", forwarding.bufferedBytes())
                .put("dropped", status.dropped())
                .put("refused", status.refused())
                .put("storeFailed", forwarding.storeFailed())
                .put("sinkUp", status.sinkUp())
                .put("buffer", forwarder.buffer().file().toString());
        if (config.mqtt().enabled()) {
            MqttBridge.Stats stats = mqtt.stats();
            JsonObject mqttJson = new JsonObject()
                    .put("topic", config.mqtt().topic())
                    .put("accepted", stats.accepted())
                    .put("rejected", stats.rejected())
                    .put("notKept", stats.notKept());
            mqttRunner.subscriber().map(MqttSubscriber::stats).ifPresent(connection -> mqttJson
                    .put("connected", connection.connected())
                    .put("received", connection.received())
                    .put("unacked", connection.unacked())
                    .put("maxUnacked", connection.maxUnacked())
                    .put("pauses", connection.pauses())
                    .put("connects", connection.connects()));
            json.put("mqtt", mqttJson);
        }
        json.put("uplink", uplinkJson());
        return json;
    }

    private JsonObject uplinkJson() {
        Uplink.Stats stats = uplink.stats();
        JsonObject json = new JsonObject()
                .put("url", uplink.target().orElse(null))
                .put("types", new JsonArray(uplink.types().stream().sorted().toList()))
                .put("droppedNoUplink", stats.noUplink())
                .put("droppedTypeNotAllowed", stats.notAllowed());
        stats.forwarding().ifPresent(forwarding -> json
                .put("buffered", forwarding.buffered())
                .put("bufferedBytes", forwarding.bufferedBytes())
                .put("sent", forwarding.sent())
                .put("dropped", forwarding.dropped())
                .put("refused", forwarding.refused())
                .put("storeFailed", forwarding.storeFailed())
                .put("upstreamUp", forwarding.sinkUp())
                .put("buffer", uplink.bufferFile().orElseThrow()));
        return json;
    }
}
