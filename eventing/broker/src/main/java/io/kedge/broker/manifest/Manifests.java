package io.kedge.broker.manifest;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.sources.v1.PingSource;
import java.util.List;

/** The Broker, Trigger and PingSource resources found in a manifest directory, in file order. */
public record Manifests(List<Sourced<Broker>> brokers, List<Sourced<Trigger>> triggers,
                        List<Sourced<PingSource>> pingSources) {

    public Manifests {
        brokers = List.copyOf(brokers);
        triggers = List.copyOf(triggers);
        pingSources = List.copyOf(pingSources);
    }
}
