package io.kedge.broker;

import io.kedge.broker.admin.DlqAdmin;
import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.delivery.Scheduler;
import io.kedge.broker.delivery.VertxSubscriberClient;
import io.kedge.broker.dispatch.Dispatcher;
import io.kedge.broker.dlq.DeadLetterQueue;
import io.kedge.broker.ingress.Ingress;
import io.kedge.broker.ingress.IngressHandler;
import io.kedge.broker.log.BrokerStore;
import io.kedge.broker.log.DurableEventLog;
import io.kedge.broker.log.EventLog;
import io.kedge.broker.log.EventLogFullException;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.log.StoreFailedException;
import io.kedge.broker.manifest.ManifestException;
import io.kedge.broker.manifest.ManifestLoader;
import io.kedge.broker.manifest.Manifests;
import io.kedge.broker.metrics.BrokerMetrics;
import io.kedge.broker.ping.PingEmitter;
import io.kedge.broker.ping.PingScheduler;
import io.kedge.broker.ping.PingSourceBuilder;
import io.kedge.broker.ping.PingSourceRoute;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.resolve.ServiceDirectory;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TopologyBuilder;
import io.kedge.broker.route.TriggerRoute;
import io.kedge.contract.codec.CloudEventHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Assembles the broker from its plain parts at start: manifests → topology → store → event log,
 * ingress, dispatcher, dead-letter admin. A manifest the broker cannot honour, or a store it cannot
 * open, fails the start with a message naming what is wrong.
 */
@Startup
@Singleton
public class BrokerRuntime {

    private static final Logger LOG = Logger.getLogger(BrokerRuntime.class);

    @Inject
    BrokerConfig config;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    private Topology topology;
    private BrokerStore store;
    private EventLog log;
    private IngressHandler ingress;
    private BrokerMetrics metrics;
    private VertxSubscriberClient client;
    private Dispatcher dispatcher;
    private DlqAdmin admin;
    private PingScheduler pings;

    @PostConstruct
    void start() {
        ServiceDirectory services = ServiceDirectory.load(Path.of(config.services()), System.getenv());
        DestinationResolver resolver = new DestinationResolver(services);
        List<PingSourceRoute> pingSources;
        try {
            Manifests manifests = new ManifestLoader().load(Path.of(config.manifests()));
            topology = new TopologyBuilder(resolver).build(manifests);
            pingSources = new PingSourceBuilder(resolver).build(manifests.pingSources(), topology);
        } catch (ManifestException e) {
            LOG.error(e.getMessage()); // first in the log, before Quarkus' start-failure stack trace
            throw e;
        }
        LOG.info(describe(topology));

        metrics = new BrokerMetrics(registry, topology);
        try {
            store = BrokerStore.open(Path.of(config.data()), new BrokerStore.Options(config.fsync(),
                    (int) Math.max(1, config.storeCache().asLongValue() >> 20), config.commitLinger(), metrics));
        } catch (StoreFailedException e) {
            LOG.error(e.getMessage());
            throw e;
        }
        forgetRemovedTriggers();
        metrics.watch(store, topology);

        Clock clock = Clock.systemUTC();
        log = new DurableEventLog(topology, store, config.queueCapacity(), config.maxPendingWrites(),
                new DurableEventLog.Listener() {
                    @Override
                    public void stored(LogEntry entry, List<TriggerRoute> triggers, EventLog.Origin origin) {
                        metrics.accepted(entry.broker(), origin);
                    }

                    @Override
                    public void handOff(LogEntry entry, List<TriggerRoute> triggers) {
                        dispatcher.stored(entry, triggers);
                    }

                    @Override
                    public void refused(BrokerKey broker, EventLogFullException reason) {
                        metrics.refused(broker);
                        LOG.debugf("event=refused broker=%s reason=\"%s\"", broker, reason.getMessage());
                    }
                });
        Ingress admission = new Ingress(topology, log, clock);
        ingress = new IngressHandler(admission, config.busyRetryAfter().toSeconds());
        client = new VertxSubscriberClient(vertx, config.maxInFlight());
        Delivery delivery = new Delivery(client, timer(), config.deliveryTimeout(), config.retryAfterMax(), clock, metrics);
        dispatcher = new Dispatcher(topology, store, admission, delivery, metrics, config.maxInFlight(), clock);
        admin = new DlqAdmin(new DeadLetterQueue(store), dispatcher);
        dispatcher.start();
        pings = new PingScheduler(pingSources, pingEmitter(admission), clock);
        pings.start();
        LOG.infof("event=store-open file=%s fsync=%s backlog=%d dead_letters=%d", store.file(), config.fsync(),
                store.backlog(), store.deadLetterCount());
    }

    /** Pending deliveries of Triggers no manifest defines any more can never happen: drop them, loudly. */
    private void forgetRemovedTriggers() {
        Set<String> current = topology.triggers().stream().map(DurableEventLog::id).collect(Collectors.toSet());
        Map<String, Long> dropped = store.retainTriggers(current).join();
        dropped.forEach((trigger, count) -> LOG.warnf("event=trigger-removed trigger=%s undelivered=%d:"
                + " no manifest defines this Trigger any more; its pending events are dropped", trigger, count));
    }

    @PreDestroy
    void stop() {
        if (pings != null) {
            pings.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    public IngressHandler ingress() {
        return ingress;
    }

    public Topology topology() {
        return topology;
    }

    public BrokerMetrics metrics() {
        return metrics;
    }

    public BrokerStore store() {
        return store;
    }

    public EventLog log() {
        return log;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public DlqAdmin admin() {
        return admin;
    }

    public PingScheduler pings() {
        return pings;
    }

    /** A tick to a broker of ours enters through the ingress, as a reply does; to a URL, one binary-mode POST. */
    private PingEmitter pingEmitter(Ingress admission) {
        return (source, event) -> source.sink().broker() != null
                ? admission.emit(source.sink().broker(), event)
                : client.post(source.sink().uri(), CloudEventHttp.binary(event), config.deliveryTimeout())
                        .thenApply(response -> {
                            if (response.status() / 100 != 2) {
                                throw new IllegalStateException("the sink answered HTTP " + response.status());
                            }
                            return response;
                        });
    }

    private Scheduler timer() {
        return (delay, task) -> {
            if (delay.isZero()) {
                vertx.runOnContext(ignored -> task.run());
            } else {
                vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
            }
        };
    }

    /** One line naming every broker path and, per Trigger, its filter, subscriber URL and delivery policy. */
    static String describe(Topology topology) {
        return "local broker routes: " + topology.brokers().stream()
                .map(broker -> broker.key().path() + " [" + broker.triggers().stream()
                        .map(t -> "Trigger " + t + " " + t.filter() + " → " + t.subscriber() + " (" + t.delivery()
                                + (t.delivery().deadLetterSink() == null ? ", dead letters to the local queue" : "") + ")")
                        .collect(Collectors.joining("; ")) + "]")
                .collect(Collectors.joining(" "));
    }
}
