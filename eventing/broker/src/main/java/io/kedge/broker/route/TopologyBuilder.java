package io.kedge.broker.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.kedge.broker.delivery.DeliveryPolicy;
import io.kedge.broker.filter.AttributesFilter;
import io.kedge.broker.filter.EventFilter;
import io.kedge.broker.filter.SubscriptionsApiFilters;
import io.kedge.broker.manifest.ManifestException;
import io.kedge.broker.manifest.Manifests;
import io.kedge.broker.manifest.Sourced;
import io.kedge.broker.resolve.DestinationResolver;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks loaded manifests the way Knative's webhook and controllers would (required fields,
 * attribute names, filter dialects, durations, resolvable subscribers, an existing broker) and
 * compiles them, filters included, into a {@link Topology}. Every problem of every resource is
 * collected before failing.
 */
public final class TopologyBuilder {

    private static final Logger LOG = Logger.getLogger(TopologyBuilder.class);

    private final DestinationResolver resolver;

    public TopologyBuilder(DestinationResolver resolver) {
        this.resolver = resolver;
    }

    /** @throws ManifestException listing every problem, each naming file, resource and field */
    public Topology build(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        Map<BrokerKey, BrokerRoute> brokers = brokers(manifests.brokers(), problems);
        Map<BrokerKey, List<TriggerRoute>> triggers = new LinkedHashMap<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Sourced<Trigger> sourced : manifests.triggers()) {
            List<String> own = new ArrayList<>();
            trigger(sourced, brokers, seen, own).ifPresent(t -> triggers.computeIfAbsent(t.broker(), k -> new ArrayList<>()).add(t));
            own.forEach(p -> problems.add(sourced.describe() + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return new Topology(brokers.values().stream()
                .map(b -> new BrokerRoute(b.key(), b.delivery(), triggers.getOrDefault(b.key(), List.of()), b.file()))
                .toList());
    }

    private Map<BrokerKey, BrokerRoute> brokers(List<Sourced<Broker>> brokers, List<String> problems) {
        Map<BrokerKey, BrokerRoute> byKey = new LinkedHashMap<>();
        for (Sourced<Broker> sourced : brokers) {
            List<String> own = new ArrayList<>();
            if (isBlank(sourced.name())) {
                own.add("metadata.name: required");
            } else {
                BrokerKey key = new BrokerKey(sourced.namespace(), sourced.name());
                Broker broker = sourced.resource();
                DeliveryPolicy delivery = broker.getSpec() == null ? DeliveryPolicy.NONE
                        : DeliveryPolicy.parse(broker.getSpec().getDelivery(), "spec.delivery", resolver, own);
                BrokerRoute previous = byKey.putIfAbsent(key, new BrokerRoute(key, delivery, List.of(), sourced.file()));
                if (previous != null) {
                    own.add("metadata.name: broker " + key + " is also defined in " + previous.file());
                }
            }
            own.forEach(p -> problems.add(sourced.describe() + ": " + p));
        }
        return byKey;
    }

    private Optional<TriggerRoute> trigger(Sourced<Trigger> sourced, Map<BrokerKey, BrokerRoute> brokers,
                                           Map<String, Path> seen, List<String> problems) {
        if (isBlank(sourced.name())) {
            problems.add("metadata.name: required");
        } else {
            Path previous = seen.putIfAbsent(sourced.namespace() + "/" + sourced.name(), sourced.file());
            if (previous != null) {
                problems.add("metadata.name: trigger " + sourced.namespace() + "/" + sourced.name()
                        + " is also defined in " + previous);
            }
        }
        TriggerSpec spec = sourced.resource().getSpec();
        if (spec == null) {
            problems.add("spec: required (broker and subscriber)");
            return Optional.empty();
        }
        BrokerKey brokerKey = brokerOf(sourced, spec, brokers, problems);
        EventFilter filter = filter(sourced, spec, problems);
        Optional<URI> subscriber = resolver.resolve(spec.getSubscriber(), "spec.subscriber", problems);
        DeliveryPolicy own = DeliveryPolicy.parse(spec.getDelivery(), "spec.delivery", resolver, problems);
        if (!problems.isEmpty() || brokerKey == null || subscriber.isEmpty()) {
            return Optional.empty();
        }
        // Knative: a Trigger that sets any delivery field replaces the Broker's delivery entirely.
        DeliveryPolicy delivery = DeliveryPolicy.isSet(spec.getDelivery()) ? own : brokers.get(brokerKey).delivery();
        return Optional.of(new TriggerRoute(sourced.namespace(), sourced.name(), brokerKey, subscriber.get(), filter,
                delivery, sourced.file()));
    }

    private static BrokerKey brokerOf(Sourced<Trigger> sourced, TriggerSpec spec, Map<BrokerKey, BrokerRoute> brokers,
                                      List<String> problems) {
        if (spec.getBrokerRef() != null) {
            problems.add("spec.brokerRef: not supported by the local broker; name the broker in spec.broker");
            return null;
        }
        if (isBlank(spec.getBroker())) {
            problems.add("spec.broker: required");
            return null;
        }
        BrokerKey key = new BrokerKey(sourced.namespace(), spec.getBroker());
        if (!brokers.containsKey(key)) {
            problems.add("spec.broker: no Broker \"" + spec.getBroker() + "\" in namespace " + sourced.namespace()
                    + "; known brokers: " + brokers.keySet());
            return null;
        }
        return key;
    }

    /** Knative: a non-empty {@code filters} replaces {@code filter} entirely; both are validated. */
    private static EventFilter filter(Sourced<Trigger> sourced, TriggerSpec spec, List<String> problems) {
        Map<String, String> attributes = spec.getFilter() == null ? null : spec.getFilter().getAttributes();
        EventFilter legacy = AttributesFilter.of(attributes, "spec.filter.attributes", problems);
        JsonNode filters = sourced.document().path("spec").path("filters");
        if (filters.isMissingNode() || filters.isNull() || filters.isArray() && filters.isEmpty()) {
            return legacy;
        }
        if (attributes != null && !attributes.isEmpty()) {
            LOG.warnf("%s: spec.filter is ignored because spec.filters is set, as Knative does", sourced.describe());
        }
        return SubscriptionsApiFilters.compile(filters, "spec.filters", problems).orElse(EventFilter.MATCH_ALL);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
