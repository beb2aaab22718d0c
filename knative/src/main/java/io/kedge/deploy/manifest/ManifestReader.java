package io.kedge.deploy.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads YAML documents into {@link Manifest}s with typed fabric8 models, collecting every problem
 * (not YAML, duplicate key, wrong type, unknown kind, unknown field) instead of stopping at the
 * first. Kustomize files are read as trees only.
 */
public final class ManifestReader {

    // Jackson, as the local broker reads the same files; duplicate keys are refused as kubectl refuses them.
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Every document of a file; problems name the file. */
    public List<Manifest> read(Path file, List<String> problems) {
        try {
            return read(file.toString(), Files.readString(file), problems);
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    /** Every document of a YAML text, e.g. the output of {@code kubectl kustomize}. */
    public List<Manifest> read(String origin, String text, List<String> problems) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
            int index = 0;
            while (documents.hasNextValue()) {
                index++;
                JsonNode node = documents.nextValue();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document between two '---'
                }
                typed(origin, index, node, problems).ifPresent(manifests::add);
            }
        } catch (JsonProcessingException e) {
            problems.add(origin + ": not valid YAML: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            problems.add(origin + ": cannot be read: " + e.getMessage());
        }
        return manifests;
    }

    private Optional<Manifest> typed(String origin, int index, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add(origin + " (document " + index + "): not a resource (a YAML " + node.getNodeType() + ")");
            return Optional.empty();
        }
        Manifest untyped = new Manifest(origin, index, node, null);
        if (ModelTypes.isKustomize(untyped.apiVersion(), untyped.kind())) {
            return Optional.of(untyped);
        }
        Optional<Class<? extends HasMetadata>> type = ModelTypes.of(untyped.apiVersion(), untyped.kind());
        if (type.isEmpty()) {
            problems.add(untyped.describe() + ": no typed model for apiVersion " + quote(untyped.apiVersion()) + " kind "
                    + quote(untyped.kind()) + "; known: " + ModelTypes.known());
            return Optional.empty();
        }
        try {
            HasMetadata resource = yaml.treeToValue(node, type.get());
            Manifest manifest = new Manifest(origin, index, node, resource);
            if (manifest.name().isEmpty()) {
                problems.add(manifest.describe() + ": metadata.name: required");
            }
            UnknownFields.of(resource).forEach(field -> problems.add(manifest.describe() + ": " + field + ": unknown field"));
            return Optional.of(manifest);
        } catch (JsonMappingException e) {
            problems.add(untyped.describe() + ": " + path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            problems.add(untyped.describe() + ": " + firstLine(e.getOriginalMessage()));
        }
        return Optional.empty();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(resource)" : path.toString();
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
