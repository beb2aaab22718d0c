package io.kedge.broker.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Reads every {@code *.yaml} / {@code *.yml} file of a directory (several documents per file
 * allowed) into typed fabric8 Knative models. Broker and Trigger of {@code eventing.knative.dev/v1}
 * and PingSource of {@code sources.knative.dev/v1} are kept; other kinds (SinkBinding,
 * Kustomization...) share the directory and are skipped. Parsing problems of all files are collected before failing, each naming file, resource
 * and field.
 */
public final class ManifestLoader {

    public static final String API_VERSION = "eventing.knative.dev/v1";
    private static final String API_GROUP = "eventing.knative.dev/";
    public static final String SOURCES_API_VERSION = "sources.knative.dev/v1";
    private static final String SOURCES_API_GROUP = "sources.knative.dev/";
    private static final Logger LOG = Logger.getLogger(ManifestLoader.class);
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '([^']*)'");

    // Jackson, not fabric8's client Serialization: the client would pull in the whole Kubernetes client for one call.
    // Duplicate keys are refused as kubectl refuses them: otherwise the last 'exact:' of a filter would silently win.
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * @throws ManifestException when the directory is missing or any Broker/Trigger cannot be read
     */
    public Manifests load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ManifestException("manifest directory " + directory.toAbsolutePath().normalize()
                    + " does not exist (config kedge.broker.manifests, env KEDGE_BROKER_MANIFESTS)");
        }
        List<Sourced<Broker>> brokers = new ArrayList<>();
        List<Sourced<Trigger>> triggers = new ArrayList<>();
        List<Sourced<PingSource>> pingSources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : manifestFiles(directory)) {
            readFile(file, brokers, triggers, pingSources, problems);
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return new Manifests(brokers, triggers, pingSources);
    }

    private static List<Path> manifestFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ManifestException("cannot list manifest directory " + directory + ": " + e.getMessage());
        }
    }

    private void readFile(Path file, List<Sourced<Broker>> brokers, List<Sourced<Trigger>> triggers,
                          List<Sourced<PingSource>> pingSources, List<String> problems) {
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (documents.hasNextValue()) {
                index++;
                JsonNode document = documents.nextValue();
                if (document == null || !document.isObject()) {
                    continue; // empty document between two '---', or not a resource at all
                }
                String apiVersion = document.path("apiVersion").asText("");
                String kind = document.path("kind").asText("");
                boolean ours = kind.equals("Broker") || kind.equals("Trigger");
                if (ours && apiVersion.equals(API_VERSION)) {
                    if (kind.equals("Broker")) {
                        read(file, document, Broker.class, problems, brokers);
                    } else {
                        read(file, document, Trigger.class, problems, triggers);
                    }
                } else if (ours && apiVersion.startsWith(API_GROUP)) {
                    problems.add(file + ": " + kind + " " + nameOf(document) + ": apiVersion: " + quote(apiVersion)
                            + " is not supported; use " + API_VERSION);
                } else if (kind.equals("PingSource") && apiVersion.equals(SOURCES_API_VERSION)) {
                    read(file, document, PingSource.class, problems, pingSources);
                } else if (kind.equals("PingSource") && apiVersion.startsWith(SOURCES_API_GROUP)) {
                    problems.add(file + ": " + kind + " " + nameOf(document) + ": apiVersion: " + quote(apiVersion)
                            + " is not supported; use " + SOURCES_API_VERSION);
                } else {
                    LOG.debugf("%s: document %d (%s %s) is not a Broker, Trigger or PingSource; skipped", file, index, apiVersion, kind);
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(file + ": not valid YAML: " + yamlProblem(e)
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
        }
    }

    private <T extends HasMetadata> void read(Path file, JsonNode document, Class<T> type, List<String> problems,
                                              List<Sourced<T>> into) {
        try {
            Sourced<T> sourced = new Sourced<>(file, yaml.treeToValue(document, type), document);
            List<String> unknown = new ArrayList<>();
            if (sourced.resource() instanceof Trigger trigger) {
                unknownFields(trigger.getSpec(), unknown);
            } else if (sourced.resource() instanceof PingSource ping && ping.getSpec() != null) {
                unknown("spec", ping.getSpec().getAdditionalProperties(), unknown);
                destination("spec.sink", ping.getSpec().getSink(), unknown);
                if (ping.getSpec().getCeOverrides() != null) {
                    unknown("spec.ceOverrides", ping.getSpec().getCeOverrides().getAdditionalProperties(), unknown);
                }
            } else if (sourced.resource() instanceof Broker broker && broker.getSpec() != null) {
                unknown("spec", broker.getSpec().getAdditionalProperties(), unknown);
                delivery("spec.delivery", broker.getSpec().getDelivery(), unknown);
            }
            unknown.forEach(problem -> problems.add(sourced.describe() + ": " + problem));
            into.add(sourced);
        } catch (JsonMappingException e) {
            problems.add(file + ": " + document.path("kind").asText() + " " + nameOf(document) + ": " + path(e)
                    + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            problems.add(file + ": " + document.path("kind").asText() + " " + nameOf(document) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    // The typed models swallow unknown keys into additionalProperties: a typo such as 'attribute:' for
    // 'attributes:' would silently turn a filter into match-all, so unknown keys are refused. Keys under
    // spec.filters are filter dialects: SubscriptionsApiFilters refuses unknown ones, at any depth.
    private static void unknownFields(TriggerSpec spec, List<String> problems) {
        if (spec == null) {
            return;
        }
        unknown("spec", spec.getAdditionalProperties(), problems);
        if (spec.getFilter() != null) {
            unknown("spec.filter", spec.getFilter().getAdditionalProperties(), problems);
        }
        destination("spec.subscriber", spec.getSubscriber(), problems);
        delivery("spec.delivery", spec.getDelivery(), problems);
    }

    private static void delivery(String field, DeliverySpec delivery, List<String> problems) {
        if (delivery != null) {
            unknown(field, delivery.getAdditionalProperties(), problems);
            destination(field + ".deadLetterSink", delivery.getDeadLetterSink(), problems);
        }
    }

    private static void destination(String field, Destination destination, List<String> problems) {
        if (destination != null) {
            unknown(field, destination.getAdditionalProperties(), problems);
            if (destination.getRef() != null) {
                unknown(field + ".ref", destination.getRef().getAdditionalProperties(), problems);
            }
        }
    }

    private static void unknown(String field, Map<String, Object> additional, List<String> problems) {
        if (additional != null) {
            additional.keySet().forEach(key -> problems.add(field + "." + key + ": unknown field"));
        }
    }

    private static String nameOf(JsonNode document) {
        String namespace = document.path("metadata").path("namespace").asText("");
        String name = document.path("metadata").path("name").asText("<unnamed>");
        return (namespace.isEmpty() ? "default" : namespace) + "/" + name;
    }

    /** {@code spec.delivery.retry} from Jackson's reference chain, skipping the root object. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "<document>" : path.toString();
    }

    // Jackson's duplicate-key message names its own setting; say what to fix instead.
    private static String yamlProblem(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE_KEY.matcher(message);
        return duplicate.lookingAt() ? "duplicate key '" + duplicate.group(1) + "'" : message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }
}
