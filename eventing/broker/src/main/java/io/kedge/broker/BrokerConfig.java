package io.kedge.broker;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the local broker; each can be overridden by the environment variable named in its javadoc. */
@ConfigMapping(prefix = "kedge.broker")
public interface BrokerConfig {

    /**
     * Directory whose {@code *.yaml} / {@code *.yml} files hold the Broker and Trigger resources,
     * relative to the working directory (the launcher runs from the repository root).
     * Env {@code KEDGE_BROKER_MANIFESTS}; default {@code eventing/k8s}.
     */
    @WithDefault("eventing/k8s")
    String manifests();

    /**
     * Properties file of {@code service-name=url} lines resolving a Trigger's {@code subscriber.ref};
     * an environment variable {@code KEDGE_SERVICE_<NAME>} wins over it.
     * Env {@code KEDGE_BROKER_SERVICES}; default {@code eventing/local/services.properties}.
     */
    @WithDefault("eventing/local/services.properties")
    String services();

    /**
     * Largest request body the ingress reads (bytes, K/M suffixes allowed); larger requests get 413.
     * CloudEvents guarantees only 64 KiB end to end. Env {@code KEDGE_BROKER_MAX_EVENT_SIZE}; default {@code 256K}.
     */
    @WithDefault("256K")
    MemorySize maxEventSize();

    /**
     * Accepted events waiting for dispatch before the ingress answers 503.
     * Env {@code KEDGE_BROKER_QUEUE_CAPACITY}; default {@code 10000}.
     */
    @WithDefault("10000")
    int queueCapacity();

    /**
     * Events being delivered at the same time; further events wait in the queue. Also the pooled
     * connections per subscriber. Env {@code KEDGE_BROKER_MAX_IN_FLIGHT}; default {@code 64}.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Per-attempt delivery timeout when neither Trigger nor Broker sets {@code delivery.timeout}.
     * Env {@code KEDGE_BROKER_DELIVERY_TIMEOUT}; default {@code 30s}.
     */
    @WithDefault("30s")
    Duration deliveryTimeout();
}
