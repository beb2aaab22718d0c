package io.kedge.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The apps of {@code ./kedge up} besides InfluxDB and Mosquitto, in the order the launcher starts
 * them; each benchmark that starts some of them takes their jars and JVM options from here.
 */
enum StackApp {
    VALIDATE("validate", "functions/validate", "kedge-validate"),
    STORE("store", "functions/store", "kedge-store"),
    ALERT("alert", "functions/alert", "kedge-alert"),
    AGGREGATE("aggregate", "functions/aggregate", "kedge-aggregate"),
    BROKER("broker", "eventing/broker", null),
    DEVICE_SOURCE("device-source", "device-source", "kedge-device-source");

    final String name;
    final String module;
    /** The Knative Service the Triggers name; null for the broker. */
    final String service;

    StackApp(String name, String module, String service) {
        this.name = name;
        this.module = module;
        this.service = service;
    }

    Path defaultJar() {
        return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** The Knative Services {@code apps} serve: the Triggers naming any other are left out of a benchmark. */
    static Set<String> services(Collection<StackApp> apps) {
        return apps.stream().filter(app -> app.service != null).map(app -> app.service).collect(Collectors.toSet());
    }

    /** Each app's packaged jar under {@code root}. */
    static Map<StackApp, Path> jars(Collection<StackApp> apps, Path root) {
        Map<StackApp, Path> jars = new LinkedHashMap<>();
        apps.forEach(app -> jars.put(app, root.resolve(app.defaultJar())));
        return jars;
    }

    /**
     * The broker's environment as the launcher sets it, for a benchmark's own manifests and data:
     * each Service the Triggers name resolves to the URL its app listens on.
     */
    static Map<String, String> brokerEnvironment(Path root, Path manifests, Path data, Map<StackApp, String> urls) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KEDGE_BROKER_MANIFESTS", manifests.toString());
        environment.put("KEDGE_BROKER_SERVICES", root.resolve("eventing/local/services.properties").toString());
        environment.put("KEDGE_BROKER_DATA", data.toString());
        urls.forEach((app, url) -> environment.put(
                "KEDGE_SERVICE_" + app.service.toUpperCase(Locale.ROOT).replace('-', '_'), url));
        return environment;
    }

    /**
     * Each app's JVM options: {@code --broker-jvm} for the broker, {@code --functions-jvm} for the
     * others, else as the launcher starts it (its module's {@code jvm.options}).
     */
    static Map<StackApp, AppJvm> jvms(Collection<StackApp> apps, Path root, BenchFlags flags,
                                      Map<String, String> environment) {
        Map<StackApp, AppJvm> jvms = new LinkedHashMap<>();
        for (StackApp app : apps) {
            jvms.put(app, AppJvm.of(root, app.module,
                    flags.get(app == BROKER ? "broker-jvm" : "functions-jvm", null), environment));
        }
        return jvms;
    }
}
