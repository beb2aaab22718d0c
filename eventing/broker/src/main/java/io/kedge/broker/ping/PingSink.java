package io.kedge.broker.ping;

import io.kedge.broker.route.BrokerKey;
import java.net.URI;

/**
 * Where a PingSource's ticks go: a broker of this process (stored durably, filtered against its
 * Triggers), or a URL (posted once, best effort). Exactly one of the two is set.
 */
public record PingSink(BrokerKey broker, URI uri) {

    public static PingSink broker(BrokerKey broker) {
        return new PingSink(broker, null);
    }

    public static PingSink uri(URI uri) {
        return new PingSink(null, uri);
    }

    @Override
    public String toString() {
        return broker != null ? "broker " + broker : uri.toString();
    }
}
