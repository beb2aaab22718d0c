package io.kedge.broker.metrics;

import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.delivery.DeliveryOutcome;
import io.kedge.broker.log.BrokerStore;
import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.log.EventLog;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.BrokerRoute;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TriggerRoute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The broker's Prometheus metrics (at {@code /q/metrics}), one set per Trigger and per broker,
 * all created at start: the hot path never looks a meter up by name.
 *
 * <ul>
 *   <li>{@code kedge_broker_events_accepted_total{broker,origin}} — events stored (origin sender or reply);</li>
 *   <li>{@code kedge_broker_events_refused_total{broker}} — 503s because the backlog or write queue was full;</li>
 *   <li>{@code kedge_broker_delivered_total{broker,trigger}} — deliveries a subscriber took (2xx);</li>
 *   <li>{@code kedge_broker_retries_total{broker,trigger}} — failed attempts that were retried;</li>
 *   <li>{@code kedge_broker_dead_lettered_total{broker,trigger,destination}} — given up: to the
 *       Trigger's dead-letter {@code sink}, or to the local {@code queue};</li>
 *   <li>{@code kedge_broker_backlog{broker,trigger}} — events the Trigger has not received yet;</li>
 *   <li>{@code kedge_broker_delivery_latency_seconds{broker,trigger}} — histogram, ingress (arrival
 *       time) to the subscriber's 2xx, retries included;</li>
 *   <li>{@code kedge_broker_replies_total{broker,result}} — replies stored, or dropped when their TTL ran out;</li>
 *   <li>{@code kedge_broker_dead_letter_queue_size} — dead letters held locally;</li>
 *   <li>{@code kedge_broker_store_commit_seconds} and {@code kedge_broker_store_commit_changes} —
 *       duration (fsync included) and size of each group commit.</li>
 * </ul>
 */
public final class BrokerMetrics implements Delivery.Listener, BrokerStore.CommitListener {

    /** Where a dead letter went. */
    public enum Destination {
        SINK, QUEUE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record TriggerMeters(Counter delivered, Counter retries, Counter toSink, Counter toQueue, Timer latency) {
    }

    private record BrokerMeters(Counter fromSenders, Counter fromReplies, Counter refused, Counter repliesStored,
                                Counter repliesExpired) {
    }

    /** Round bucket bounds besides Micrometer's own, so that "within 10 ms" is one series to read. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30)};

    /** Finest histogram bucket: an fsync and a local delivery take a fraction of a millisecond. */
    private static final Duration FINEST = Duration.ofNanos(100_000);

    private final MeterRegistry registry;
    private final Map<String, TriggerMeters> triggers = new LinkedHashMap<>();
    private final Map<BrokerKey, BrokerMeters> brokers = new LinkedHashMap<>();
    private final Timer commits;
    private final DistributionSummary commitSizes;

    public BrokerMetrics(MeterRegistry registry, Topology topology) {
        this.registry = registry;
        for (BrokerRoute broker : topology.brokers()) {
            String b = broker.key().toString();
            brokers.put(broker.key(), new BrokerMeters(
                    counter("kedge.broker.events.accepted", "Events stored by the broker", "broker", b, "origin", "sender"),
                    counter("kedge.broker.events.accepted", "Events stored by the broker", "broker", b, "origin", "reply"),
                    counter("kedge.broker.events.refused", "Events refused with 503: backlog or write queue full",
                            "broker", b),
                    counter("kedge.broker.replies", "Reply events of subscribers", "broker", b, "result", "stored"),
                    counter("kedge.broker.replies", "Reply events of subscribers", "broker", b, "result", "ttl-expired")));
            for (TriggerRoute trigger : broker.triggers()) {
                String t = DurableEventLog.id(trigger);
                triggers.put(t, new TriggerMeters(
                        counter("kedge.broker.delivered", "Deliveries the subscriber took", "broker", b, "trigger", t),
                        counter("kedge.broker.retries", "Failed delivery attempts that were retried", "broker", b,
                                "trigger", t),
                        counter("kedge.broker.dead.lettered", "Deliveries given up", "broker", b, "trigger", t,
                                "destination", Destination.SINK.tag()),
                        counter("kedge.broker.dead.lettered", "Deliveries given up", "broker", b, "trigger", t,
                                "destination", Destination.QUEUE.tag()),
                        Timer.builder("kedge.broker.delivery.latency")
                                .description("From the event's arrival at the ingress to the subscriber's 2xx")
                                .tags("broker", b, "trigger", t)
                                .publishPercentileHistogram()
                                .serviceLevelObjectives(LATENCY_BUCKETS)
                                .minimumExpectedValue(FINEST)
                                .maximumExpectedValue(Duration.ofMinutes(5))
                                .register(registry)));
            }
        }
        commits = Timer.builder("kedge.broker.store.commit")
                .description("One group commit of the store, fsync included")
                .publishPercentileHistogram()
                .minimumExpectedValue(FINEST)
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        commitSizes = DistributionSummary.builder("kedge.broker.store.commit.changes")
                .description("Changes (events, acknowledgements, dead letters) written by one group commit")
                .register(registry);
    }

    /** Registers the gauges that read the store: backlog per Trigger and the dead-letter queue's size. */
    public void watch(BrokerStore store, Topology topology) {
        for (BrokerRoute broker : topology.brokers()) {
            for (TriggerRoute trigger : broker.triggers()) {
                String t = DurableEventLog.id(trigger);
                Gauge.builder("kedge.broker.backlog", store, s -> s.backlog(t))
                        .description("Events the Trigger has not received yet")
                        .tags("broker", broker.key().toString(), "trigger", t)
                        .strongReference(true)
                        .register(registry);
            }
        }
        Gauge.builder("kedge.broker.dead.letter.queue.size", store, BrokerStore::deadLetterCount)
                .description("Dead letters held in the broker's local queue")
                .strongReference(true)
                .register(registry);
    }

    public void accepted(BrokerKey broker, EventLog.Origin origin) {
        BrokerMeters meters = brokers.get(broker);
        if (meters != null) {
            (origin == EventLog.Origin.SENDER ? meters.fromSenders() : meters.fromReplies()).increment();
        }
    }

    public void refused(BrokerKey broker) {
        BrokerMeters meters = brokers.get(broker);
        if (meters != null) {
            meters.refused().increment();
        }
    }

    /** @param latency from arrival to the 2xx; null for a replayed dead letter, whose arrival is long past */
    public void delivered(TriggerRoute trigger, Duration latency) {
        TriggerMeters meters = triggers.get(DurableEventLog.id(trigger));
        meters.delivered().increment();
        if (latency != null) {
            meters.latency().record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    @Override
    public void retrying(TriggerRoute trigger, DeliveryOutcome.Failed failed) {
        triggers.get(DurableEventLog.id(trigger)).retries().increment();
    }

    public void deadLettered(TriggerRoute trigger, Destination destination) {
        TriggerMeters meters = triggers.get(DurableEventLog.id(trigger));
        (destination == Destination.SINK ? meters.toSink() : meters.toQueue()).increment();
    }

    public void replyStored(BrokerKey broker) {
        BrokerMeters meters = brokers.get(broker);
        if (meters != null) {
            meters.repliesStored().increment();
        }
    }

    public void replyExpired(BrokerKey broker) {
        BrokerMeters meters = brokers.get(broker);
        if (meters != null) {
            meters.repliesExpired().increment();
        }
    }

    @Override
    public void committed(int changes, long nanos) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        commitSizes.record(changes);
    }

    // --- totals, for the health check and tests -------------------------------------------------

    public long delivered() {
        return sum(triggers.values().stream().map(TriggerMeters::delivered).toList());
    }

    public long retries() {
        return sum(triggers.values().stream().map(TriggerMeters::retries).toList());
    }

    public long deadLettered() {
        return sum(triggers.values().stream().flatMap(m -> Stream.of(m.toSink(), m.toQueue())).toList());
    }

    public long accepted() {
        return sum(brokers.values().stream().flatMap(m -> Stream.of(m.fromSenders(), m.fromReplies()))
                .toList());
    }

    public long replies() {
        return sum(brokers.values().stream().map(BrokerMeters::repliesStored).toList());
    }

    public long repliesDroppedByTtl() {
        return sum(brokers.values().stream().map(BrokerMeters::repliesExpired).toList());
    }

    public long commits() {
        return commits.count();
    }

    /** Mean changes per commit so far: how much the group commit shares each fsync. */
    public double meanChangesPerCommit() {
        return commitSizes.mean();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static long sum(Collection<Counter> counters) {
        return (long) counters.stream().mapToDouble(Counter::count).sum();
    }
}
