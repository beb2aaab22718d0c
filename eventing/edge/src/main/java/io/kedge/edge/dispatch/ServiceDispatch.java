package io.kedge.edge.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which function of a Knative Service takes an event, when several Services share one Funqy app.
 *
 * <p>Funqy picks a function by the CloudEvent type alone ({@code quarkus.funqy.knative-events.mapping.<function>.trigger}),
 * and answers 409 when two functions take the same type. Standalone, each Service's app has at most
 * one function per type; together, store and alert both take validated readings. So the Service
 * the broker delivered to decides: a function may take a <em>private</em> trigger
 * {@code <service>/<type>}, and an event of {@code <type>} sent to that Service is given that
 * trigger as its type before Funqy sees it. Functions that take a type as is keep it.
 */
public final class ServiceDispatch {

    private static final String PRIVATE_SEPARATOR = "/";

    private final Map<String, Service> services;

    private ServiceDispatch(Map<String, Service> services) {
        this.services = services;
    }

    /**
     * @param services       Service name → its Funqy functions, as configured
     * @param triggers       function → Funqy trigger, for every mapped function of the app
     * @param functionExists whether the app has a Funqy function of that name
     * @throws IllegalStateException naming every problem: unknown functions, a function in two
     *                               Services, two functions of a Service taking one type, or two
     *                               functions of the app with one trigger (Funqy's 409)
     */
    public static ServiceDispatch of(Map<String, List<String>> services, Map<String, String> triggers,
            Predicate<String> functionExists) {
        List<String> problems = new ArrayList<>();
        Map<String, String> serviceOf = new TreeMap<>();
        Map<String, Service> compiled = new LinkedHashMap<>();
        new TreeMap<>(services).forEach((service, functions) -> {
            String key = "kedge.edge.services." + service;
            if (service.contains(PRIVATE_SEPARATOR) || service.isBlank()) {
                problems.add(key + ": a Service name has no '/' (it is a Knative Service name, e.g. kedge-store)");
                return;
            }
            if (functions == null || functions.isEmpty()) {
                problems.add(key + ": names no function; list the Funqy functions of this Service");
                return;
            }
            Map<String, Route> byType = new LinkedHashMap<>();
            for (String function : functions) {
                if (!functionExists.test(function)) {
                    problems.add(key + ": no Funqy function \"" + function + "\" in this app; is its module a dependency"
                            + " and indexed (quarkus.index-dependency.*)?");
                    continue;
                }
                String other = serviceOf.putIfAbsent(function, service);
                if (other != null) {
                    problems.add(key + ": function \"" + function + "\" is already a function of " + other);
                    continue;
                }
                String trigger = triggers.getOrDefault(function, function);
                String type = trigger;
                String retype = null;
                int separator = trigger.indexOf(PRIVATE_SEPARATOR);
                if (separator > 0 && services.containsKey(trigger.substring(0, separator))) {
                    if (!trigger.substring(0, separator).equals(service)) {
                        problems.add(mappingKey(function) + "=" + trigger + ": a private trigger of "
                                + trigger.substring(0, separator) + ", but \"" + function + "\" is a function of " + service);
                        continue;
                    }
                    type = trigger.substring(separator + 1);
                    retype = trigger;
                }
                Route clash = byType.putIfAbsent(type, new Route(function, "/" + function, retype));
                if (clash != null) {
                    problems.add(key + ": functions \"" + clash.function() + "\" and \"" + function
                            + "\" both take " + type + "; a Service has one function per type");
                }
            }
            compiled.put(service, new Service(service, List.copyOf(functions), Collections.unmodifiableMap(byType)));
        });
        problems.addAll(sharedTriggers(triggers, serviceOf));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the edge app cannot route events to its functions:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new ServiceDispatch(Collections.unmodifiableMap(compiled));
    }

    /** Two functions with one trigger: Funqy would answer every such event with 409. */
    private static List<String> sharedTriggers(Map<String, String> triggers, Map<String, String> serviceOf) {
        Map<String, List<String>> functionsByTrigger = new TreeMap<>();
        new TreeMap<>(triggers).forEach((function, trigger) ->
                functionsByTrigger.computeIfAbsent(trigger, t -> new ArrayList<>()).add(function));
        List<String> problems = new ArrayList<>();
        functionsByTrigger.forEach((trigger, functions) -> {
            if (functions.size() > 1) {
                String last = functions.get(functions.size() - 1);
                problems.add("functions " + functions + " all take " + trigger + ", and Funqy refuses such an event"
                        + " (409); give all but one a private trigger, e.g. " + mappingKey(last) + "="
                        + serviceOf.getOrDefault(last, "<service>") + PRIVATE_SEPARATOR + trigger);
            }
        });
        return problems;
    }

    private static String mappingKey(String function) {
        return "quarkus.funqy.knative-events.mapping." + function + ".trigger";
    }

    /** The Services, in name order. */
    public Set<String> services() {
        return services.keySet();
    }

    /** The functions of {@code service}, as configured. */
    public List<String> functions(String service) {
        return service(service).functions();
    }

    /**
     * Where an event of {@code type} sent to {@code service} goes.
     *
     * @param type the event's type; {@code null} when the request carries none (it is not a
     *             CloudEvent: the function's envelope check answers it)
     */
    public Decision route(String service, String type) {
        Service target = service(service);
        if (type == null) {
            return new Forward(target.functions().get(0), "/" + target.functions().get(0), null);
        }
        Route route = target.byType().get(type);
        if (route == null) {
            // 422 as the functions' own EventGate answers: a misrouted event never gets better.
            return new Refuse(422, "unhandled event type", service + " handles "
                    + (target.byType().size() == 1 ? "type \"" + target.byType().keySet().iterator().next() + "\""
                    : "types " + target.byType().keySet()) + ", got \"" + type + "\"");
        }
        return new Forward(route.function(), route.path(), route.retype());
    }

    /** One line per Service: its route and, per type, the function (and the private trigger). */
    public String describe() {
        StringBuilder out = new StringBuilder();
        services.values().forEach(service -> {
            out.append("\n  /").append(service.name()).append(':');
            service.byType().forEach((type, route) -> out.append(' ').append(type).append(" → ").append(route.function())
                    .append(route.retype() == null ? "" : " (as " + route.retype() + ")").append(';'));
        });
        return out.toString();
    }

    private Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no Service \"" + name + "\"; known: " + services.keySet());
        }
        return service;
    }

    /** What to do with one event. */
    public sealed interface Decision permits Forward, Refuse {
    }

    /**
     * Hand the event to {@code function} at {@code path} (its Funqy route), first giving it the type
     * {@code retype} when that is not {@code null}.
     */
    public record Forward(String function, String path, String retype) implements Decision {
    }

    /** Answer {@code status} with the problem, as the functions' EventGate would. */
    public record Refuse(int status, String error, String problem) implements Decision {
    }

    private record Service(String name, List<String> functions, Map<String, Route> byType) {
    }

    private record Route(String function, String path, String retype) {
    }
}
