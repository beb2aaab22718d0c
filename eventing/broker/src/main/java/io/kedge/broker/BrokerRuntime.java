package io.kedge.broker;

import io.kedge.broker.delivery.Delivery;
import io.kedge.broker.delivery.DeliveryStats;
import io.kedge.broker.delivery.Scheduler;
import io.kedge.broker.delivery.VertxSubscriberClient;
import io.kedge.broker.dispatch.Dispatcher;
import io.kedge.broker.ingress.Ingress;
import io.kedge.broker.ingress.IngressHandler;
import io.kedge.broker.log.EventLog;
import io.kedge.broker.log.InMemoryEventLog;
import io.kedge.broker.manifest.ManifestException;
import io.kedge.broker.manifest.ManifestLoader;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.resolve.ServiceDirectory;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TopologyBuilder;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Assembles the broker from its plain parts at start: manifests → topology → event log → ingress
 * and dispatcher. A manifest the broker cannot honour fails the start with a message naming file,
 * resource and field.
 */
@Startup
@Singleton
public class BrokerRuntime {

    private static final Logger LOG = Logger.getLogger(BrokerRuntime.class);

    @Inject
    BrokerConfig config;
    @Inject
    Vertx vertx;

    private Topology topology;
    private EventLog log;
    private IngressHandler ingress;
    private DeliveryStats stats;
    private VertxSubscriberClient client;
    private Dispatcher dispatcher;

    @PostConstruct
    void start() {
        ServiceDirectory services = ServiceDirectory.load(Path.of(config.services()), System.getenv());
        try {
            topology = new TopologyBuilder(new DestinationResolver(services))
                    .build(new ManifestLoader().load(Path.of(config.manifests())));
        } catch (ManifestException e) {
            LOG.error(e.getMessage()); // first in the log, before Quarkus' start-failure stack trace
            throw e;
        }
        LOG.info(describe(topology));

        log = new InMemoryEventLog(config.queueCapacity());
        Ingress admission = new Ingress(topology, log, Clock.systemUTC());
        ingress = new IngressHandler(admission);
        stats = new DeliveryStats();
        client = new VertxSubscriberClient(vertx, config.maxInFlight());
        Delivery delivery = new Delivery(client, timer(), config.deliveryTimeout(), stats);
        dispatcher = new Dispatcher(topology, log, admission, delivery, stats, config.maxInFlight());
        dispatcher.start();
    }

    @PreDestroy
    void stop() {
        dispatcher.close();
        client.close();
        log.close();
    }

    public IngressHandler ingress() {
        return ingress;
    }

    public Topology topology() {
        return topology;
    }

    public DeliveryStats stats() {
        return stats;
    }

    public EventLog log() {
        return log;
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
                        .map(t -> "Trigger " + t + " " + t.filter() + " → " + t.subscriber() + " (" + t.delivery() + ")")
                        .collect(Collectors.joining("; ")) + "]")
                .collect(Collectors.joining(" "));
    }
}
