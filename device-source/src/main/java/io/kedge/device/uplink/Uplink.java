package io.kedge.device.uplink;

import io.cloudevents.CloudEvent;
import io.kedge.device.forward.ForwardingStats;
import io.kedge.device.forward.StoreAndForward;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The edge's way out: events the local broker's uplink Triggers deliver (summaries, alerts) are
 * kept in a {@link StoreAndForward} of their own, apart from the device's readings, and sent in
 * order to an upstream CloudEvents endpoint (another Kedge broker's ingress, a cloud sink).
 *
 * <p>Events this uplink does not carry are taken and counted, never refused: a refusal would only
 * fill the local dead-letter sink with events that were never meant to leave. Without an upstream
 * URL nothing is kept at all, for the same reason.
 */
public final class Uplink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Uplink.class);

    /** What became of one event. */
    public enum Outcome {
        /** On disk (fsync'd) and queued for upstream. */
        KEPT,
        /** No upstream URL is configured: dropped and counted. */
        NO_UPLINK,
        /** Its type is not one the uplink carries: dropped and counted. */
        TYPE_NOT_ALLOWED,
        /** The buffer could not take it (disk failure, or larger than the whole buffer). */
        NOT_KEPT
    }

    /**
     * @param forwarding  the store-and-forward's counters; absent without an upstream URL
     * @param noUplink    events dropped because no upstream URL is configured
     * @param notAllowed  events dropped because the uplink does not carry their type
     */
    public record Stats(Optional<ForwardingStats> forwarding, long noUplink, long notAllowed) {
    }

    private final Optional<StoreAndForward> forwarder;
    private final Set<String> types;
    private final AtomicLong noUplink = new AtomicLong();
    private final AtomicLong notAllowed = new AtomicLong();
    private final AtomicBoolean noUplinkLogged = new AtomicBoolean();
    private final Set<String> notAllowedLogged = ConcurrentHashMap.newKeySet();

    private Uplink(Optional<StoreAndForward> forwarder, Set<String> types) {
        this.forwarder = forwarder;
        this.types = Set.copyOf(types);
    }

    /** Sends events of {@code types} upstream through {@code forwarder}; takes ownership of it. */
    public static Uplink to(StoreAndForward forwarder, Set<String> types) {
        return new Uplink(Optional.of(forwarder), types);
    }

    /** No upstream configured: every event is dropped and counted. */
    public static Uplink none(Set<String> types) {
        return new Uplink(Optional.empty(), types);
    }

    /** Takes {@code event}; completes once its fate is known (for a kept event: once it is fsync'd). */
    public CompletionStage<Outcome> accept(CloudEvent event) {
        if (forwarder.isEmpty()) {
            noUplink.incrementAndGet();
            if (noUplinkLogged.compareAndSet(false, true)) {
                LOG.infof("No uplink URL is configured (kedge.device.uplink.url): events posted to /uplink are"
                        + " dropped and counted, starting with %s of type %s", event.getId(), event.getType());
            }
            return CompletableFuture.completedFuture(Outcome.NO_UPLINK);
        }
        if (!types.contains(event.getType())) {
            notAllowed.incrementAndGet();
            if (notAllowedLogged.add(event.getType())) {
                LOG.warnf("The uplink does not carry events of type %s (kedge.device.uplink.types=%s): they are"
                        + " dropped and counted, starting with %s", event.getType(), types, event.getId());
            }
            return CompletableFuture.completedFuture(Outcome.TYPE_NOT_ALLOWED);
        }
        return forwarder.get().offer(event).handle((kept, error) -> error == null ? Outcome.KEPT : Outcome.NOT_KEPT);
    }

    public Stats stats() {
        return new Stats(forwarder.map(StoreAndForward::stats), noUplink.get(), notAllowed.get());
    }

    /** Where events go, when anywhere. */
    public Optional<String> target() {
        return forwarder.map(StoreAndForward::target);
    }

    public Optional<String> bufferFile() {
        return forwarder.map(f -> f.buffer().file().toString());
    }

    public Set<String> types() {
        return types;
    }

    /** Whether events can be kept; true without an upstream, as there is nothing to keep. */
    public boolean isHealthy() {
        return forwarder.map(StoreAndForward::isHealthy).orElse(true);
    }

    @Override
    public void close() {
        forwarder.ifPresent(StoreAndForward::close);
    }
}
