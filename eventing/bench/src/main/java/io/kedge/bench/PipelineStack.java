package io.kedge.bench;

import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.MosquittoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVMs the end-to-end benchmark feeds, started after InfluxDB, Mosquitto and the subscriber
 * the way the launcher starts them ({@link PipelineMode}): the six apps of {@code ./kedge up}, or
 * the one edge app of {@code ./kedge up --edge}. Either way the broker reads the benchmark's copy
 * of {@code eventing/k8s} with the bench Trigger for fired alerts ({@link AlertBenchManifests}),
 * the device source's MQTT bridge is on with no sensor (every reading comes from the load), and
 * {@code temperature-high} fires at once. Gives where HTTP readings go in and the JVMs to watch;
 * {@link #close()} stops them, last started first.
 */
final class PipelineStack implements AutoCloseable {

    /**
     * The Knative Services the edge app serves: those of {@code kedge.edge.services} and
     * {@code kedge.edge.path-services} in {@code eventing/edge}'s {@code application.properties}.
     * Every Trigger of {@code eventing/k8s} names one of them, so the edge's broker gets them all.
     */
    static final Set<String> EDGE_SERVICES = Set.of("kedge-validate", "kedge-store", "kedge-alert", "kedge-aggregate",
            "kedge-device-source");
    static final String EDGE = "edge";

    private final URI ingress;
    private final List<JarProcess> processes;
    private final BenchOutput out;

    private PipelineStack(URI ingress, List<JarProcess> processes, BenchOutput out) {
        this.ingress = ingress;
        this.processes = List.copyOf(processes);
        this.out = out;
    }

    /**
     * Starts what {@code options.mode()} names, each JVM ready ({@code /q/health/ready}) before the
     * next; on a failure stops what already runs.
     *
     * @param work          this run's scratch directory: manifests, the broker's and the device source's data
     * @param subscriberUrl the benchmark's subscriber, for the bench Trigger
     */
    static PipelineStack start(PipelineBenchOptions options, BenchOutput out, Path work, InfluxServer influx,
                               MosquittoServer mosquitto, String subscriberUrl) {
        Launch launch = new Launch(options, out, BenchFlags.repositoryRoot(Path.of("")), work, influx, mosquitto);
        boolean edge = options.mode() == PipelineMode.EDGE;
        Set<String> services = edge ? EDGE_SERVICES : StackApp.services(List.of(StackApp.values()));
        AlertBenchManifests manifests = AlertBenchManifests.write(launch.root.resolve("eventing/k8s"),
                work.resolve("manifests"), services, subscriberUrl, false);
        PipelineStack stack = edge ? launch.edge() : launch.apps();
        out.progress("the %s reads eventing/k8s (%d files) and the bench Trigger for fired alerts",
                edge ? "edge app's broker" : "broker", manifests.copied().size());
        if (!manifests.skipped().isEmpty()) {
            out.progress("Triggers left out (their services are not run here): %s", String.join(", ", manifests.skipped()));
        }
        return stack;
    }

    /** Where HTTP readings are posted: the broker's ingress for {@code kedge/default}. */
    URI ingress() {
        return ingress;
    }

    /** The JVMs started, in the order they started. */
    List<JarProcess> processes() {
        return processes;
    }

    /** Fails naming the app and the end of its log when one of them died. */
    void checkAlive() {
        processes.forEach(JarProcess::checkAlive);
    }

    @Override
    public void close() {
        stopAll(processes, out);
    }

    private static void stopAll(List<JarProcess> started, BenchOutput out) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                out.progress("stopping %s failed: %s", started.get(i).name(), e.getMessage());
            }
        }
    }

    /** What starting either stack needs. */
    private record Launch(PipelineBenchOptions options, BenchOutput out, Path root, Path work, InfluxServer influx,
                          MosquittoServer mosquitto) {

        /** As {@code ./kedge up}: validate, store, alert, aggregate, the broker, the device source. */
        PipelineStack apps() {
            int brokerPort = FreePorts.next();
            int devicePort = FreePorts.next();
            URI ingress = URI.create("http://127.0.0.1:" + brokerPort + "/kedge/default");
            Map<StackApp, JarProcess> apps = new EnumMap<>(StackApp.class);
            List<JarProcess> started = new ArrayList<>();
            try {
                for (StackApp app : StackApp.values()) {
                    Map<String, String> environment = switch (app) {
                        case VALIDATE -> Map.of();
                        case STORE -> Map.of("KEDGE_STORE_INFLUX_URL", influx.url());
                        case ALERT -> Map.of("KEDGE_ALERT_INFLUX_URL", influx.url(), "K_SINK", ingress.toString(),
                                // one reading above 30 °C fires at once, as the module README suggests for trying it out
                                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s");
                        case AGGREGATE -> Map.of("KEDGE_AGGREGATE_INFLUX_URL", influx.url(), "K_SINK", ingress.toString());
                        case BROKER -> brokerEnvironment(apps, devicePort);
                        case DEVICE_SOURCE -> {
                            Map<String, String> device = deviceEnvironment();
                            device.put("K_SINK", ingress.toString());
                            yield device;
                        }
                    };
                    int port = app == StackApp.BROKER ? brokerPort : app == StackApp.DEVICE_SOURCE ? devicePort : 0;
                    JarProcess process = start(app.name, app.module, options.jars().get(app), options.jvms().get(app),
                            environment, port);
                    apps.put(app, process);
                    started.add(process);
                }
            } catch (RuntimeException e) {
                stopAll(started, out);
                throw e;
            }
            return new PipelineStack(ingress, started, out);
        }

        /**
         * As {@code ./kedge up --edge}, with the environment {@code EdgeProcessIT} gives it (InfluxDB,
         * manifests, data and service directory under the run's directory) and what {@link #apps()}
         * gives the device source and alert: bridge on, no sensor, {@code temperature-high} at once;
         * no uplink ({@code /uplink} drops what the uplink Triggers bring, as in the six-process run).
         */
        PipelineStack edge() {
            int port = FreePorts.next();
            Map<String, String> environment = deviceEnvironment();
            environment.put("KEDGE_INFLUX_URL", influx.url());
            environment.put("KEDGE_BROKER_MANIFESTS", work.resolve("manifests").toString());
            environment.put("KEDGE_BROKER_DATA", BenchOutput.createDirectories(work.resolve("broker-data")).toString());
            environment.put("KEDGE_EDGE_SERVICE_DIRECTORY", work.resolve("services.properties").toString());
            environment.put("KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s");
            JarProcess process = start(EDGE, PipelineBenchOptions.EDGE_MODULE, options.edgeJar(), options.edgeJvm(),
                    environment, port);
            return new PipelineStack(URI.create(process.url() + "/kedge/default"), List.of(process), out);
        }

        private Map<String, String> brokerEnvironment(Map<StackApp, JarProcess> apps, int devicePort) {
            Map<StackApp, String> urls = new LinkedHashMap<>();
            for (StackApp app : StackApp.values()) {
                if (app.service != null) {
                    urls.put(app, app == StackApp.DEVICE_SOURCE ? "http://127.0.0.1:" + devicePort : apps.get(app).url());
                }
            }
            return StackApp.brokerEnvironment(root, work.resolve("manifests"),
                    BenchOutput.createDirectories(work.resolve("broker-data")), urls);
        }

        /** As {@code ./kedge up}, with the bridge on and no sensor: every reading comes from the load. */
        private Map<String, String> deviceEnvironment() {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("KEDGE_DEVICE_ID", "pi-bench");
            environment.put("KEDGE_DEVICE_SENSOR", "none");
            environment.put("KEDGE_DEVICE_BUFFER_DIR", work.resolve("device-source").toString());
            environment.put("KEDGE_DEVICE_UPLINK_BUFFER_DIR", work.resolve("device-source-uplink").toString());
            environment.put("KEDGE_DEVICE_MQTT_ENABLED", "true");
            environment.put("KEDGE_DEVICE_MQTT_HOST", "127.0.0.1");
            environment.put("KEDGE_DEVICE_MQTT_PORT", Integer.toString(mosquitto.port()));
            return environment;
        }

        private JarProcess start(String name, String module, Path jar, AppJvm jvm, Map<String, String> environment,
                                 int port) {
            Path log = BenchOutput.beside(options.out(), "log").resolveSibling("pipeline-" + name + ".log");
            return JarProcess.launch(out, name, module, jar, jvm, environment, options.env(), log, port);
        }
    }
}
