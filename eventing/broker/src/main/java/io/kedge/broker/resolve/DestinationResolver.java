package io.kedge.broker.resolve;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a Knative {@code duckv1.Destination} into the URL to POST to, with Knative's rules: an
 * absolute {@code uri} alone is used as is; a {@code ref} becomes the URL of the named service
 * (see {@link ServiceDirectory}); {@code ref} plus {@code uri} resolves the uri against the ref's
 * URL, so {@code uri: /update} appends a path.
 */
public final class DestinationResolver {

    private final ServiceDirectory services;

    public DestinationResolver(ServiceDirectory services) {
        this.services = services;
    }

    /**
     * @param field    the field path for messages, e.g. {@code spec.subscriber}
     * @param problems where each reason the destination cannot be resolved is added
     * @return the URL, or empty when a problem was added
     */
    public Optional<URI> resolve(Destination destination, String field, List<String> problems) {
        if (destination == null || (destination.getRef() == null && isBlank(destination.getUri()))) {
            problems.add(field + ": required; set 'ref' (a Service name) or 'uri' (an absolute URL)");
            return Optional.empty();
        }
        if (destination.getRef() == null) {
            return absolute(destination.getUri(), field + ".uri", "", problems);
        }
        Optional<URI> base = ref(destination.getRef(), field + ".ref", problems);
        if (base.isEmpty() || isBlank(destination.getUri())) {
            return base;
        }
        URI relative;
        try {
            relative = new URI(destination.getUri().trim());
        } catch (URISyntaxException e) {
            problems.add(field + ".uri: " + quote(destination.getUri()) + " is not a URI: " + e.getReason());
            return Optional.empty();
        }
        // URI.resolve drops the separator when the base has an empty path (http://host:1 + x -> http://host:1x).
        URI anchored = base.get().getRawPath() == null || base.get().getRawPath().isEmpty()
                ? base.get().resolve("/") : base.get();
        return Optional.of(anchored.resolve(relative));
    }

    private Optional<URI> ref(KReference ref, String field, List<String> problems) {
        if (isBlank(ref.getName())) {
            problems.add(field + ".name: required");
            return Optional.empty();
        }
        if (isBlank(ref.getKind())) {
            problems.add(field + ".kind: required");
            return Optional.empty();
        }
        Optional<ServiceDirectory.Entry> entry = services.lookup(ref.getName());
        if (entry.isEmpty()) {
            problems.add(field + ": cannot resolve " + ref.getKind() + " " + quote(ref.getName()) + ": "
                    + services.howToConfigure(ref.getName()));
            return Optional.empty();
        }
        return absolute(entry.get().url(), field, " (from " + entry.get().origin() + ")", problems);
    }

    private static Optional<URI> absolute(String text, String field, String origin, List<String> problems) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                problems.add(field + ": " + quote(text) + origin + " is not an absolute http(s) URL");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(field + ": " + quote(text) + origin + " is not an absolute http(s) URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
