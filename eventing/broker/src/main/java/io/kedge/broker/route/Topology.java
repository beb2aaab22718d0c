package io.kedge.broker.route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every broker this process serves and the Triggers of each; immutable once built. */
public final class Topology {

    private final Map<BrokerKey, BrokerRoute> brokers;

    public Topology(List<BrokerRoute> brokers) {
        Map<BrokerKey, BrokerRoute> byKey = new LinkedHashMap<>();
        brokers.forEach(b -> byKey.put(b.key(), b));
        this.brokers = java.util.Collections.unmodifiableMap(byKey);
    }

    public Optional<BrokerRoute> broker(BrokerKey key) {
        return Optional.ofNullable(brokers.get(key));
    }

    public Collection<BrokerRoute> brokers() {
        return brokers.values();
    }

    public List<TriggerRoute> triggers() {
        return brokers.values().stream().flatMap(b -> b.triggers().stream()).toList();
    }
}
