package io.kedge.broker.ping;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.PingSourceSpec;
import io.kedge.broker.manifest.ManifestException;
import io.kedge.broker.manifest.ManifestLoader;
import io.kedge.broker.manifest.Sourced;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks PingSources the way Knative's webhook would (schedule, zone, data XOR dataBase64, extension
 * names) and resolves each sink: a Broker of this process, else a URL through the same
 * {@link DestinationResolver} as Trigger subscribers. Every problem is collected before failing.
 */
public final class PingSourceBuilder {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[^/\\s;]+/[^/\\s;]+(\\s*;.*)?");
    // The event's own attributes: an override would make it something other than a PingSource event.
    private static final Set<String> RESERVED = Set.of("id", "source", "specversion", "type", "time",
            "datacontenttype", "dataschema", "subject", "data");

    private final DestinationResolver resolver;

    public PingSourceBuilder(DestinationResolver resolver) {
        this.resolver = resolver;
    }

    /** @throws ManifestException listing every problem, each naming file, resource and field */
    public List<PingSourceRoute> build(List<Sourced<PingSource>> sources, Topology topology) {
        List<String> problems = new ArrayList<>();
        List<PingSourceRoute> routes = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Sourced<PingSource> sourced : sources) {
            List<String> own = new ArrayList<>();
            route(sourced, topology, seen, own).ifPresent(routes::add);
            own.forEach(p -> problems.add(sourced.describe() + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return List.copyOf(routes);
    }

    private Optional<PingSourceRoute> route(Sourced<PingSource> sourced, Topology topology, Map<String, Path> seen,
                                            List<String> problems) {
        if (isBlank(sourced.name())) {
            problems.add("metadata.name: required");
        } else {
            Path previous = seen.putIfAbsent(sourced.namespace() + "/" + sourced.name(), sourced.file());
            if (previous != null) {
                problems.add("metadata.name: PingSource " + sourced.namespace() + "/" + sourced.name()
                        + " is also defined in " + previous);
            }
        }
        PingSourceSpec spec = sourced.resource().getSpec();
        if (spec == null) {
            problems.add("spec: required (at least spec.sink)");
            return Optional.empty();
        }
        Optional<PingSchedule> schedule = PingSchedule.parse(spec.getSchedule(), spec.getTimezone(), problems);
        String contentType = isBlank(spec.getContentType()) ? null : spec.getContentType().trim();
        if (contentType != null && !MEDIA_TYPE.matcher(contentType).matches()) {
            problems.add("spec.contentType: \"" + spec.getContentType() + "\" is not a media type such as application/json");
        }
        byte[] data = data(spec, problems);
        Map<String, String> extensions = extensions(spec, problems);
        Optional<PingSink> sink = sink(sourced, spec.getSink(), topology, problems);
        if (!problems.isEmpty() || schedule.isEmpty() || sink.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PingSourceRoute(sourced.namespace(), sourced.name(), schedule.get(), contentType, data,
                extensions, sink.get(), sourced.file()));
    }

    private static byte[] data(PingSourceSpec spec, List<String> problems) {
        boolean text = spec.getData() != null && !spec.getData().isEmpty();
        boolean base64 = spec.getDataBase64() != null && !spec.getDataBase64().isEmpty();
        if (text && base64) {
            problems.add("spec.data, spec.dataBase64: both set; set only one");
            return null;
        }
        if (base64) {
            try {
                return Base64.getDecoder().decode(spec.getDataBase64().trim());
            } catch (IllegalArgumentException e) {
                problems.add("spec.dataBase64: not valid base64: " + e.getMessage());
                return null;
            }
        }
        return text ? spec.getData().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static Map<String, String> extensions(PingSourceSpec spec, List<String> problems) {
        Map<String, String> extensions = spec.getCeOverrides() == null || spec.getCeOverrides().getExtensions() == null
                ? Map.of() : spec.getCeOverrides().getExtensions();
        Map<String, String> valid = new LinkedHashMap<>();
        extensions.forEach((name, value) -> {
            String field = "spec.ceOverrides.extensions." + name;
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                problems.add(field + ": \"" + name + "\" is not a CloudEvents attribute name (lower-case a-z and 0-9 only)");
            } else if (RESERVED.contains(name)) {
                problems.add(field + ": \"" + name + "\" is a core attribute; it cannot be overridden");
            } else if (value == null || value.isEmpty()) {
                problems.add(field + ": value required");
            } else {
                valid.put(name, value);
            }
        });
        return valid;
    }

    private Optional<PingSink> sink(Sourced<PingSource> sourced, Destination sink, Topology topology,
                                    List<String> problems) {
        KReference ref = sink == null ? null : sink.getRef();
        if (ref == null || !"Broker".equals(ref.getKind())) {
            return resolver.resolve(sink, "spec.sink", problems).map(PingSink::uri);
        }
        if (!isBlank(ref.getApiVersion()) && !ManifestLoader.API_VERSION.equals(ref.getApiVersion())) {
            problems.add("spec.sink.ref.apiVersion: \"" + ref.getApiVersion() + "\" is not supported for a Broker; use "
                    + ManifestLoader.API_VERSION);
            return Optional.empty();
        }
        if (!isBlank(sink.getUri())) {
            problems.add("spec.sink.uri: not supported with a Broker ref; the tick enters the broker's ingress");
            return Optional.empty();
        }
        if (isBlank(ref.getName())) {
            problems.add("spec.sink.ref.name: required");
            return Optional.empty();
        }
        String namespace = isBlank(ref.getNamespace()) ? sourced.namespace() : ref.getNamespace();
        BrokerKey key = new BrokerKey(namespace, ref.getName());
        if (topology.broker(key).isEmpty()) {
            problems.add("spec.sink.ref: no Broker \"" + ref.getName() + "\" in namespace " + namespace
                    + "; known brokers: " + topology.brokers().stream().map(b -> b.key().toString()).toList());
            return Optional.empty();
        }
        return Optional.of(PingSink.broker(key));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
