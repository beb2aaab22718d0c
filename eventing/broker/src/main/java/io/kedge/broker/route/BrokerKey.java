package io.kedge.broker.route;

import java.util.Optional;

/** A broker's identity and ingress path: {@code /{namespace}/{name}}, as on a Knative cluster. */
public record BrokerKey(String namespace, String name) {

    /**
     * The key of an ingress path {@code /{namespace}/{broker}} (a trailing '/' tolerated, as
     * Knative's ingress does), or empty when the path has any other shape.
     */
    public static Optional<BrokerKey> ofPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String trimmed = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        String[] parts = trimmed.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BrokerKey(parts[0], parts[1]));
    }

    public String path() {
        return "/" + namespace + "/" + name;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
