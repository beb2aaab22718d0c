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
     * Directory of the durable store (the file {@code broker.mv.db}: accepted events, pending
     * deliveries, dead letters), relative to the working directory. One broker per directory.
     * Env {@code KEDGE_BROKER_DATA}; default {@code .kedge/broker} (the launcher passes {@code $STATE/broker}).
     */
    @WithDefault(".kedge/broker")
    String data();

    /**
     * Whether each commit is forced to the device (fsync) before its events are acknowledged with 202.
     * Turning it off keeps {@code kill -9} safety (the OS has the data) but not power-loss safety;
     * it is there to measure what fsync costs. Env {@code KEDGE_BROKER_FSYNC}; default {@code true}.
     */
    @WithDefault("true")
    boolean fsync();

    /**
     * How long a commit waits for more events after the first one arrived, so that they share its
     * fsync. Events that arrive while a commit runs share the next one without it, and a linger adds
     * its own length to the latency of every event it holds, hence 0; {@code ./kedge bench broker
     * --broker-env KEDGE_BROKER_COMMIT_LINGER=1ms} measures what it buys on a given disk.
     * Env {@code KEDGE_BROKER_COMMIT_LINGER} ({@code 1ms}, or ISO-8601 such as {@code PT0.0005S});
     * default {@code 0s}.
     */
    @WithDefault("0s")
    Duration commitLinger();

    /**
     * MVStore's page cache (M suffix for MiB), on the heap. New events reach their Triggers decoded,
     * straight from the ingress, so the cache serves only a backlog being read back and the B-tree's
     * inner pages; 2 MiB lets the broker run in a 36 MB heap ({@code jvm.options}), measured in
     * {@code eventing/bench/README.md}. Env {@code KEDGE_BROKER_STORE_CACHE}; default {@code 2M}.
     */
    @WithDefault("2M")
    MemorySize storeCache();

    /**
     * Largest request body the ingress reads (bytes, K/M suffixes allowed); larger requests get 413.
     * CloudEvents guarantees only 64 KiB end to end. Env {@code KEDGE_BROKER_MAX_EVENT_SIZE}; default {@code 256K}.
     */
    @WithDefault("256K")
    MemorySize maxEventSize();

    /**
     * Undelivered events (stored, not yet received by every Trigger they matched) above which the
     * ingress answers 503 with {@code Retry-After}; replies are let in regardless.
     * Env {@code KEDGE_BROKER_QUEUE_CAPACITY}; default {@code 10000}.
     */
    @WithDefault("10000")
    int queueCapacity();

    /**
     * Accepted events waiting for the disk (the next group commit) above which the ingress answers
     * 503: bounds memory when senders outrun the disk. Env {@code KEDGE_BROKER_MAX_PENDING_WRITES};
     * default {@code 2048}.
     */
    @WithDefault("2048")
    int maxPendingWrites();

    /**
     * {@code Retry-After} of a 503 from the ingress (whole seconds).
     * Env {@code KEDGE_BROKER_BUSY_RETRY_AFTER}; default {@code 1s}.
     */
    @WithDefault("1s")
    Duration busyRetryAfter();

    /**
     * Deliveries per Trigger at the same time (waits between retries included); the rest stay on
     * disk. Also the pooled connections per subscriber host. Env {@code KEDGE_BROKER_MAX_IN_FLIGHT};
     * default {@code 64}.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Per-attempt delivery timeout when neither Trigger nor Broker sets {@code delivery.timeout}.
     * Env {@code KEDGE_BROKER_DELIVERY_TIMEOUT}; default {@code 30s}.
     */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /**
     * Longest {@code Retry-After} (of a 429 or 503) honoured when a delivery spec sets no
     * {@code retryAfterMax}. Env {@code KEDGE_BROKER_RETRY_AFTER_MAX}; default {@code 5m}.
     */
    @WithDefault("5m")
    Duration retryAfterMax();
}
