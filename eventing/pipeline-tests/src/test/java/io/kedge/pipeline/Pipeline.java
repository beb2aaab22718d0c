package io.kedge.pipeline;

import io.kedge.testkit.AppProcess;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.PackagedApp;
import io.kedge.testkit.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local pipeline as the launcher runs it: real InfluxDB, then store, validate, the broker
 * reading eventing/k8s, and the simulated device source, each its own JVM.
 */
final class Pipeline implements AutoCloseable {

    static final String DATABASE = "sensor_data";
    static final String MEASUREMENT = "rpi_dht11";

    final InfluxServer influx;
    final AppProcess store;
    final AppProcess validate;
    final AppProcess alert;
    final AppProcess aggregate;
    final AppProcess broker;
    final AppProcess deviceSource;
    private final List<AutoCloseable> started = new ArrayList<>();

    Pipeline(Map<String, String> deviceEnvironment) {
        try {
            influx = track(InfluxServer.start());
            store = track(AppProcess.start("store", jar("functions/store"),
                    Map.of("KEDGE_STORE_INFLUX_URL", influx.url())));
            validate = track(AppProcess.start("validate", jar("functions/validate"), Map.of()));
            // alert posts extra announcements back to the broker, so the broker's port is chosen first
            int brokerPort = FreePorts.next();
            // the broker delivers alerts to the device source's actuator, which starts after it
            int devicePort = FreePorts.next();
            alert = track(AppProcess.start("alert", jar("functions/alert"), Map.of(
                    "KEDGE_ALERT_INFLUX_URL", influx.url(),
                    "K_SINK", "http://127.0.0.1:" + brokerPort + "/kedge/default")));
            aggregate = track(AppProcess.start("aggregate", jar("functions/aggregate"), Map.of(
                    "KEDGE_AGGREGATE_INFLUX_URL", influx.url(),
                    "K_SINK", "http://127.0.0.1:" + brokerPort + "/kedge/default")));
            broker = track(AppProcess.start("broker", jar("eventing/broker"), brokerPort, Map.of(
                    "KEDGE_BROKER_MANIFESTS", Repo.path("eventing/k8s").toString(),
                    "KEDGE_BROKER_SERVICES", Repo.path("eventing/local/services.properties").toString(),
                    "KEDGE_BROKER_DATA", influx.log().getParent().resolve("broker").toString(),
                    "KEDGE_SERVICE_KEDGE_VALIDATE", validate.url(),
                    "KEDGE_SERVICE_KEDGE_STORE", store.url(),
                    "KEDGE_SERVICE_KEDGE_ALERT", alert.url(),
                    "KEDGE_SERVICE_KEDGE_AGGREGATE", aggregate.url(),
                    "KEDGE_SERVICE_KEDGE_DEVICE_SOURCE", "http://127.0.0.1:" + devicePort)));
            Map<String, String> device = new LinkedHashMap<>(deviceEnvironment);
            device.put("K_SINK", ingress());
            device.put("KEDGE_DEVICE_BUFFER_DIR", influx.log().getParent().resolve("device-source").toString());
            deviceSource = track(AppProcess.start("device-source", jar("device-source"), devicePort, device));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The broker's ingress, {@code /kedge/default} as in eventing/k8s/broker.yaml. */
    String ingress() {
        return broker.url() + "/kedge/default";
    }

    private static Path jar(String module) {
        return PackagedApp.jar(module);
    }

    private <T extends AutoCloseable> T track(T process) {
        started.add(0, process);
        return process;
    }

    /** Logs of every application, for failure messages. */
    String logs() {
        StringBuilder out = new StringBuilder();
        for (AppProcess app : new AppProcess[] {store, validate, alert, aggregate, broker, deviceSource}) {
            if (app != null) {
                out.append("\n--- ").append(app.log().getFileName()).append(" ---\n").append(app.logTail());
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
