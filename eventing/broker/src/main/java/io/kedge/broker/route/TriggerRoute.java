package io.kedge.broker.route;

import io.kedge.broker.delivery.DeliveryPolicy;
import io.kedge.broker.filter.EventFilter;
import java.net.URI;
import java.nio.file.Path;

/**
 * A Trigger as the broker runs it: everything resolved and checked at start, nothing left to
 * interpret per event.
 *
 * @param delivery the effective policy: the Trigger's own, else its Broker's, else none
 */
public record TriggerRoute(String namespace, String name, BrokerKey broker, URI subscriber, EventFilter filter,
                           DeliveryPolicy delivery, Path file) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
