package io.kedge.deploy.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What the checks need of a {@code pom.xml}, read as XML (no Maven model, no inheritance):
 * coordinates, modules, dependencies, build plugins, properties, and the properties and
 * dependencies of each profile.
 */
public record Pom(Path file, String artifactId, String version, List<String> modules, List<String> dependencies, List<String> plugins,
                  Map<String, String> properties, Map<String, Profile> profiles) {

    /** A {@code <profile>}: its properties and its dependencies as {@code groupId:artifactId}. */
    public record Profile(Map<String, String> properties, List<String> dependencies) {
    }

    public static Pom read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            Element project = document.getDocumentElement();
            Map<String, Profile> profiles = new LinkedHashMap<>();
            child(project, "profiles").ifPresent(list -> children(list, "profile").forEach(profile ->
                    profiles.put(text(profile, "id"), new Profile(properties(profile), dependencies(profile)))));
            List<String> plugins = new ArrayList<>();
            child(project, "build").flatMap(build -> child(build, "plugins"))
                    .ifPresent(list -> children(list, "plugin").forEach(p -> plugins.add(text(p, "artifactId"))));
            List<String> modules = new ArrayList<>();
            child(project, "modules").ifPresent(list -> children(list, "module").forEach(m -> modules.add(m.getTextContent().strip())));
            return new Pom(file, text(project, "artifactId"), text(project, "version"), List.copyOf(modules), dependencies(project), List.copyOf(plugins),
                    properties(project), profiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(file + " is not valid XML: " + e.getMessage(), e);
        }
    }

    public boolean dependsOn(String groupAndArtifact) {
        return dependencies.contains(groupAndArtifact);
    }

    private static List<String> dependencies(Element parent) {
        List<String> dependencies = new ArrayList<>();
        child(parent, "dependencies").ifPresent(list -> children(list, "dependency")
                .forEach(d -> dependencies.add(text(d, "groupId") + ":" + text(d, "artifactId"))));
        return List.copyOf(dependencies);
    }

    private static Map<String, String> properties(Element parent) {
        Map<String, String> properties = new LinkedHashMap<>();
        child(parent, "properties").ifPresent(list -> {
            for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        });
        return properties;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
    }
}
