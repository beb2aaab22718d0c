package io.kedge.edge;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the edge app itself, keys {@code kedge.edge.*}, each overridable by its environment
 * variable. The hosted parts keep their own keys ({@code kedge.broker.*}, {@code kedge.device.*},
 * {@code kedge.validate.*}, {@code kedge.store.*}, {@code kedge.alert.*}).
 */
@ConfigMapping(prefix = "kedge.edge")
public interface EdgeConfig {

    /**
     * Where this process reaches its own HTTP port: the broker's subscribers, the device source's
     * sink and the alert function's sink are under it. Env {@code KEDGE_EDGE_URL}; default
     * {@code http://127.0.0.1:${quarkus.http.port}} (set it when the port is 0, i.e. random).
     */
    URI url();

    /**
     * The broker's service directory, written at start with one line per service of
     * {@link #services()}: {@code kedge-store=<url>/kedge-store}. The broker reads it
     * ({@code kedge.broker.services} defaults to it); {@code KEDGE_SERVICE_<NAME>} still wins for
     * a service run elsewhere. Relative to the working directory. Env {@code KEDGE_EDGE_SERVICE_DIRECTORY};
     * default {@code .kedge/edge/services.properties}.
     */
    String serviceDirectory();

    /**
     * The Knative Services that the Triggers name, each with the Funqy functions it runs:
     * {@code kedge.edge.services.kedge-store=store,storeAlertFired,storeAlertResolved}. Each gets the
     * route {@code /<service>}. Env {@code KEDGE_EDGE_SERVICES_KEDGE_STORE}; defaults in
     * {@code application.properties}: kedge-validate, kedge-store, kedge-alert, kedge-aggregate.
     */
    Map<String, List<String>> services();

    /**
     * Services hosted here whose Triggers name their own path ({@code subscriber.uri: /actuator}
     * with the {@code ref}): the service directory maps them to {@link #url()} itself, and the
     * path reaches the hosted module's own route. Env {@code KEDGE_EDGE_PATH_SERVICES}; default
     * {@code kedge-device-source}.
     */
    Optional<List<String>> pathServices();

    /**
     * Services that Triggers in the manifests name but this build does not host. Each still gets a
     * line in the service directory and a route, which takes every event with 204 and nothing
     * else, so that the broker starts and the rest of the pipeline runs; the start-up log names
     * the Triggers concerned (WARN). Env {@code KEDGE_EDGE_UNHOSTED}; default none: every Service
     * of {@code eventing/k8s} is hosted (README, "Hosting a function").
     */
    Optional<List<String>> unhosted();
}
