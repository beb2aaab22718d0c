package io.kedge.broker.route;

import io.kedge.broker.delivery.DeliveryPolicy;
import java.nio.file.Path;
import java.util.List;

/** A Broker and, in manifest order, the Triggers that subscribe to it. */
public record BrokerRoute(BrokerKey key, DeliveryPolicy delivery, List<TriggerRoute> triggers, Path file) {

    public BrokerRoute {
        triggers = List.copyOf(triggers);
    }
}
