package io.kedge.edge;

import io.kedge.broker.BrokerRuntime;
import io.kedge.broker.resolve.ServiceDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Checks at start that the broker delivers to the Services of this process where the edge put
 * them, and says in one line what runs here.
 */
@Singleton
public class EdgeStartup {

    private static final Logger LOG = Logger.getLogger(EdgeStartup.class);

    void started(@Observes StartupEvent start, BrokerRuntime broker, ServiceRoutes routes, EdgeConfig config) {
        Map<String, URI> subscribers = new TreeMap<>();
        broker.topology().triggers().forEach(trigger ->
                subscribers.put(trigger.namespace() + "/" + trigger.name(), trigger.subscriber()));
        List<String> problems = misdirected(subscribers, routes.directory(), System.getenv());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the broker resolved Triggers of Services hosted here to other URLs than"
                    + " the edge's service directory; it must have read an older "
                    + config.serviceDirectory() + ":\n  - " + String.join("\n  - ", problems));
        }
        for (String service : routes.unhosted()) {
            URI url = routes.directory().get(service);
            List<String> triggers = subscribers.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(url)).map(Map.Entry::getKey).toList();
            if (!triggers.isEmpty()) {
                LOG.warnf("edge: %s is not hosted in this build (kedge.edge.unhosted): the events of Triggers %s are"
                        + " taken and dropped; host it (README, \"Adding a function\") or set %s to where it runs",
                        service, triggers, ServiceDirectory.environmentVariable(service));
            }
        }
        List<String> hosted = routes.directory().keySet().stream().filter(s -> !routes.unhosted().contains(s)).toList();
        LOG.infof("edge: one process on %s: the broker, the device source and the Services %s", config.url(),
                String.join(", ", hosted));
    }

    /**
     * Triggers whose subscriber is a Service hosted here (its path), resolved to a URL that is not
     * the one in the directory, without a {@code KEDGE_SERVICE_<NAME>} variable that would explain it.
     *
     * @param subscribers Trigger ({@code namespace/name}) → the URL the broker delivers to
     */
    static List<String> misdirected(Map<String, URI> subscribers, Map<String, URI> directory, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        subscribers.forEach((trigger, subscriber) -> directory.forEach((service, url) -> {
            boolean sameService = url.getPath().equals(subscriber.getPath());
            boolean overridden = environment.containsKey(ServiceDirectory.environmentVariable(service));
            if (sameService && !overridden && !subscriber.equals(url)) {
                problems.add("Trigger " + trigger + " → " + subscriber + ", expected " + url);
            }
        }));
        return problems;
    }
}
