package io.kedge.broker.ingress;

import io.cloudevents.CloudEvent;
import io.kedge.broker.log.EventLog;
import io.kedge.broker.log.LogEntry;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Admits events into a broker, from senders and from subscribers' replies alike: stamps the
 * arrival time, applies the TTL rule and hands the event to the {@link EventLog}.
 *
 * <p>TTL rule (Knative's ingress): an event without {@code knativebrokerttl} gets 255; one with it
 * is decremented; a reply carries the TTL of the event it answers and is decremented the same way.
 * An event whose TTL would reach 0 is refused with 400, which bounds reply loops.
 */
public final class Ingress {

    private static final Logger LOG = Logger.getLogger(Ingress.class);

    private final Topology topology;
    private final EventLog log;
    private final Clock clock;

    public Ingress(Topology topology, EventLog log, Clock clock) {
        this.topology = topology;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Admits an event a sender posted.
     *
     * @return the stored entry; fails with {@link RejectedEventException} (404 unknown broker, 400 TTL or
     *         an event binary mode cannot carry, see {@link BinaryDelivery}),
     *         {@link io.kedge.broker.log.EventLogFullException} (backlog full) or
     *         {@link io.kedge.broker.log.StoreFailedException}
     */
    public CompletionStage<LogEntry> accept(BrokerKey broker, CloudEvent event) {
        try {
            BinaryDelivery.requireDeliverable(event);
            OptionalInt ttl = BrokerExtensions.ttl(event);
            return admit(broker, event, ttl.isPresent() ? ttl.getAsInt() - 1 : BrokerExtensions.DEFAULT_TTL,
                    EventLog.Origin.SENDER);
        } catch (RejectedEventException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Admits a subscriber's reply to an event that had {@code carriedTtl} hops left. */
    public CompletionStage<LogEntry> reenter(BrokerKey broker, CloudEvent reply, int carriedTtl) {
        return admit(broker, reply, carriedTtl - 1, EventLog.Origin.REPLY);
    }

    /**
     * Admits a tick of a PingSource of this process, with a fresh TTL. Internal like a reply, and like
     * a reply not held back by a full backlog: a source adds at most one event per schedule tick.
     */
    public CompletionStage<LogEntry> emit(BrokerKey broker, CloudEvent event) {
        return admit(broker, event, BrokerExtensions.DEFAULT_TTL, EventLog.Origin.REPLY);
    }

    /** @throws RejectedEventException 404 when this process serves no such broker */
    public void requireBroker(BrokerKey broker) {
        if (topology.broker(broker).isEmpty()) {
            throw new RejectedEventException(404, "no broker " + broker.path() + " here; this process serves "
                    + topology.brokers().stream().map(b -> b.key().path()).toList());
        }
    }

    private CompletionStage<LogEntry> admit(BrokerKey broker, CloudEvent event, int ttl, EventLog.Origin origin) {
        try {
            requireBroker(broker);
        } catch (RejectedEventException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (ttl <= 0) {
            return CompletableFuture.failedFuture(new RejectedEventException(400, "event " + event.getId()
                    + " has no hops left (extension '" + BrokerExtensions.TTL + "' reached 0): it looped through"
                    + " the broker " + BrokerExtensions.DEFAULT_TTL + " times or was sent with a low TTL"));
        }
        CloudEvent stamped = BrokerExtensions.stamp(event, ttl, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return log.append(broker, stamped, origin).thenApply(entry -> {
            LOG.debugf("event=accepted id=%s type=%s source=%s broker=%s origin=%s ttl=%d seq=%d", event.getId(),
                    event.getType(), event.getSource(), broker, origin, ttl, entry.sequence());
            return entry;
        });
    }
}
