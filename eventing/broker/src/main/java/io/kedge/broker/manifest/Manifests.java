package io.kedge.broker.manifest;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import java.util.List;

/** The Broker and Trigger resources found in a manifest directory, in file order. */
public record Manifests(List<Sourced<Broker>> brokers, List<Sourced<Trigger>> triggers) {

    public Manifests {
        brokers = List.copyOf(brokers);
        triggers = List.copyOf(triggers);
    }
}
