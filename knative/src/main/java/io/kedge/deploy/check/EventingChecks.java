package io.kedge.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.fabric8.knative.pkg.tracker.Reference;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ModelTypes;
import io.kedge.deploy.modules.AppModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-checks of the event graph within resources applied together: every Trigger's broker,
 * subscriber and dead-letter sink exists; every type it filters on is produced (a contract type, or
 * a PingSource's tick whose source names an existing PingSource); the subscribing function's Funqy
 * routing takes that type; every SinkBinding's subject and sink and every PingSource's sink exist.
 */
public final class EventingChecks {

    /** The type every PingSource emits. */
    public static final String PING_TYPE = "dev.knative.sources.ping";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManifestSet set;
    private final FunctionImages functions;
    private final Set<String> contractTypes;

    /**
     * @param contractTypes the CloudEvent types of the contract ({@code EventTypes.ALL})
     */
    public EventingChecks(ManifestSet set, FunctionImages functions, Set<String> contractTypes) {
        this.set = set;
        this.functions = functions;
        this.contractTypes = Set.copyOf(contractTypes);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : set.of(ModelTypes.EVENTING, "Broker")) {
            broker(manifest, manifest.as(Broker.class), prefixed(manifest, problems));
        }
        for (Manifest manifest : set.of(ModelTypes.EVENTING, "Trigger")) {
            trigger(manifest, manifest.as(Trigger.class), prefixed(manifest, problems));
        }
        for (Manifest manifest : set.of(ModelTypes.SOURCES, "SinkBinding")) {
            sinkBinding(manifest, manifest.as(SinkBinding.class), prefixed(manifest, problems));
        }
        for (Manifest manifest : set.of(ModelTypes.SOURCES, "PingSource")) {
            pingSource(manifest, manifest.as(PingSource.class), prefixed(manifest, problems));
        }
        for (Manifest manifest : set.of(ModelTypes.SERVING, "Service")) {
            functions.moduleOf(manifest).ifPresent(module -> fed(manifest, module, prefixed(manifest, problems)));
        }
        return problems;
    }

    /** Every type a function routes must reach it: a Trigger with that type and this Service as subscriber. */
    private void fed(Manifest service, AppModule module, List<String> problems) {
        for (String type : module.funqyTriggers().keySet()) {
            boolean fed = set.of(ModelTypes.EVENTING, "Trigger").stream()
                    .filter(trigger -> subscribes(trigger, service))
                    .anyMatch(trigger -> filteredValues(trigger.node().path("spec"), "type").contains(type));
            if (!fed) {
                problems.add(module.applicationProperties() + " routes type " + quote(type) + " to "
                        + module.funqyTriggers().get(type) + ", but no Trigger among the resources delivers it to this Service");
            }
        }
    }

    private static boolean subscribes(Manifest trigger, Manifest service) {
        Destination subscriber = trigger.as(Trigger.class).getSpec() == null ? null : trigger.as(Trigger.class).getSpec().getSubscriber();
        if (subscriber == null || subscriber.getRef() == null) {
            return false;
        }
        KReference ref = subscriber.getRef();
        String namespace = ManifestSet.isBlank(ref.getNamespace()) ? trigger.namespace() : ref.getNamespace();
        return service.is(nonNull(ref.getApiVersion()), nonNull(ref.getKind())) && service.name().equals(ref.getName())
                && service.namespace().equals(namespace);
    }

    private void broker(Manifest manifest, Broker broker, List<String> problems) {
        if (broker.getSpec() == null) {
            return;
        }
        delivery(broker.getSpec().getDelivery(), manifest.namespace(), problems);
        KReference config = broker.getSpec().getConfig();
        if (config != null) {
            set.requireRef(config, "spec.config", manifest.namespace(), problems);
        }
    }

    private void trigger(Manifest manifest, Trigger trigger, List<String> problems) {
        TriggerSpec spec = trigger.getSpec();
        if (spec == null) {
            problems.add("spec: required");
            return;
        }
        if (ManifestSet.isBlank(spec.getBroker())) {
            problems.add("spec.broker: required");
        } else if (set.find(ModelTypes.EVENTING, "Broker", manifest.namespace(), spec.getBroker()).isEmpty()) {
            problems.add("spec.broker: no Broker " + manifest.namespace() + "/" + spec.getBroker()
                    + " among the resources applied with it");
        }
        set.requireDestination(spec.getSubscriber(), "spec.subscriber", manifest.namespace(), problems);
        delivery(spec.getDelivery(), manifest.namespace(), problems);
        Set<String> types = filteredValues(manifest.node().path("spec"), "type");
        for (String type : types) {
            if (type.equals(PING_TYPE)) {
                pingFilter(manifest, problems);
            } else if (!contractTypes.contains(type)) {
                problems.add("filters on type " + quote(type) + ", which no component produces (contract types: "
                        + String.join(", ", contractTypes) + "; PingSource ticks: " + PING_TYPE + ")");
            }
        }
        subscriberRouting(manifest, spec.getSubscriber(), types, problems);
    }

    /** A Trigger on ticks must name its PingSource, or every PingSource of the namespace would reach it. */
    private void pingFilter(Manifest manifest, List<String> problems) {
        Set<String> sources = filteredValues(manifest.node().path("spec"), "source");
        if (sources.isEmpty()) {
            problems.add("filters on " + PING_TYPE + " without a source: every PingSource of the namespace reaches it");
        }
        for (String source : sources) {
            boolean known = set.of(ModelTypes.SOURCES, "PingSource").stream()
                    .anyMatch(ping -> source.equals(pingSourceAttribute(ping)));
            if (!known) {
                problems.add("filters on source " + quote(source) + ", which no PingSource among the resources emits");
            }
        }
    }

    /** The function behind the subscriber must route every filtered type to a function (Funqy answers 404 otherwise). */
    private void subscriberRouting(Manifest manifest, Destination subscriber, Set<String> types, List<String> problems) {
        if (subscriber == null || subscriber.getRef() == null) {
            return;
        }
        KReference ref = subscriber.getRef();
        Optional<AppModule> module = set.find(nonNull(ref.getApiVersion()), nonNull(ref.getKind()),
                        ManifestSet.isBlank(ref.getNamespace()) ? manifest.namespace() : ref.getNamespace(), nonNull(ref.getName()))
                .flatMap(functions::moduleOf);
        if (module.isEmpty()) {
            return;
        }
        if (types.isEmpty()) {
            problems.add("has no type filter, but its subscriber " + module.get().artifactId()
                    + " routes CloudEvents by type (Funqy): events of other types would be refused");
        }
        Map<String, List<String>> routes = module.get().funqyTriggers();
        for (String type : types) {
            if (!routes.containsKey(type)) {
                problems.add("filters on type " + quote(type) + ", but " + module.get().applicationProperties()
                        + " maps no function to it (quarkus.funqy.knative-events.mapping.<function>.trigger); it maps "
                        + routes.keySet());
            }
        }
    }

    private void delivery(DeliverySpec delivery, String namespace, List<String> problems) {
        if (delivery != null && delivery.getDeadLetterSink() != null) {
            set.requireDestination(delivery.getDeadLetterSink(), "spec.delivery.deadLetterSink", namespace, problems);
        }
    }

    private void sinkBinding(Manifest manifest, SinkBinding binding, List<String> problems) {
        if (binding.getSpec() == null) {
            problems.add("spec: required");
            return;
        }
        set.requireDestination(binding.getSpec().getSink(), "spec.sink", manifest.namespace(), problems);
        Reference subject = binding.getSpec().getSubject();
        if (subject == null) {
            problems.add("spec.subject: required");
        } else if (ManifestSet.isBlank(subject.getName())) {
            problems.add("spec.subject.name: required here: a label selector would bind whatever carries the labels");
        } else {
            String namespace = ManifestSet.isBlank(subject.getNamespace()) ? manifest.namespace() : subject.getNamespace();
            if (set.find(nonNull(subject.getApiVersion()), nonNull(subject.getKind()), namespace, subject.getName()).isEmpty()) {
                problems.add("spec.subject: no " + subject.getApiVersion() + " " + subject.getKind() + " " + namespace + "/"
                        + subject.getName() + " among the resources applied with it");
            }
        }
    }

    private void pingSource(Manifest manifest, PingSource ping, List<String> problems) {
        if (ping.getSpec() == null) {
            problems.add("spec: required");
            return;
        }
        set.requireDestination(ping.getSpec().getSink(), "spec.sink", manifest.namespace(), problems);
        String contentType = ping.getSpec().getContentType();
        if (contentType != null && contentType.startsWith("application/json") && ping.getSpec().getData() != null) {
            try {
                JSON.readTree(ping.getSpec().getData());
            } catch (IOException e) {
                problems.add("spec.data: not JSON although contentType is " + contentType + ": " + ping.getSpec().getData());
            }
        }
    }

    /** {@code /apis/v1/namespaces/<ns>/pingsources/<name>}, the source attribute of a PingSource's events. */
    static String pingSourceAttribute(Manifest ping) {
        return "/apis/v1/namespaces/" + ping.namespace() + "/pingsources/" + ping.name();
    }

    /**
     * Values a Trigger requires of an attribute: {@code filter.attributes.<name>} and every
     * {@code exact: {<name>: ...}} in {@code filters} (at any depth under {@code all}).
     */
    static Set<String> filteredValues(JsonNode spec, String attribute) {
        Set<String> values = new LinkedHashSet<>();
        JsonNode legacy = spec.path("filter").path("attributes").path(attribute);
        if (legacy.isTextual() && !legacy.asText().isEmpty()) {
            values.add(legacy.asText());
        }
        exact(spec.path("filters"), attribute, values);
        return values;
    }

    private static void exact(JsonNode filters, String attribute, Set<String> values) {
        for (JsonNode filter : filters) {
            JsonNode value = filter.path("exact").path(attribute);
            if (value.isTextual()) {
                values.add(value.asText());
            }
            exact(filter.path("all"), attribute, values);
        }
    }

    private static List<String> prefixed(Manifest manifest, List<String> problems) {
        return new PrefixedList(manifest.describe() + ": ", problems);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
