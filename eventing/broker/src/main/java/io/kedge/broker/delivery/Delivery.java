package io.kedge.broker.delivery;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.TriggerRoute;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Offers one event to one destination with the Trigger's delivery policy: binary mode, retried on
 * retryable failures with backoff (and {@code Retry-After}), each attempt bounded by the timeout.
 * To a subscriber it sends {@code Prefer: reply} and hands a reply back to the caller; to a
 * dead-letter sink any 2xx is enough. What happens after the last failure is the caller's choice.
 */
public final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** As Knative's broker asks a subscriber for its reply event. */
    private static final Map<String, String> PREFER_REPLY = Map.of("Prefer", "reply");

    /** Hears each retry, for metrics. */
    @FunctionalInterface
    public interface Listener {

        Listener NONE = (trigger, failed) -> {
        };

        void retrying(TriggerRoute trigger, DeliveryOutcome.Failed failed);
    }

    private final SubscriberClient client;
    private final Scheduler scheduler;
    private final Duration defaultTimeout;
    private final Duration defaultRetryAfterMax;
    private final Clock clock;
    private final Listener listener;
    /** Per Trigger, until when retries are logged at DEBUG only. */
    private final ConcurrentMap<String, Long> quietUntil = new ConcurrentHashMap<>();

    /**
     * @param defaultTimeout       per-attempt timeout when neither Trigger nor Broker sets {@code delivery.timeout}
     * @param defaultRetryAfterMax cap on an honoured {@code Retry-After} when the policy sets no {@code retryAfterMax}
     */
    public Delivery(SubscriberClient client, Scheduler scheduler, Duration defaultTimeout, Duration defaultRetryAfterMax,
                    Clock clock, Listener listener) {
        this.client = client;
        this.scheduler = scheduler;
        this.defaultTimeout = defaultTimeout;
        this.defaultRetryAfterMax = defaultRetryAfterMax;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Delivers {@code event} (already stripped of broker-internal extensions) to {@code trigger}'s subscriber.
     *
     * @param replies stores a reply event; when its stage fails the attempt counts as failed (Knative:
     *                a reply that cannot be stored fails the delivery, so the original is retried)
     */
    public CompletionStage<DeliveryResult> deliver(CloudEvent event, TriggerRoute trigger,
                                                   Function<CloudEvent, CompletionStage<?>> replies) {
        Attempts attempts = new Attempts(event, trigger, trigger.subscriber(), CloudEventHttp.binary(event, PREFER_REPLY),
                response -> DeliveryOutcome.of(response, clock), replies);
        attempts.attempt(0);
        return attempts.done;
    }

    /**
     * Delivers a dead-lettered event (with its error extensions) to {@code sink}, retried with
     * {@code trigger}'s policy as Knative does.
     */
    public CompletionStage<DeliveryResult> deliverToSink(CloudEvent event, TriggerRoute trigger, URI sink) {
        Attempts attempts = new Attempts(event, trigger, sink, CloudEventHttp.binary(event),
                response -> DeliveryOutcome.ofSink(response, clock), null);
        attempts.attempt(0);
        return attempts.done;
    }

    private final class Attempts {

        private final CloudEvent event;
        private final TriggerRoute trigger;
        private final URI target;
        private final HttpMessage message;
        private final Function<SubscriberResponse, DeliveryOutcome> classify;
        private final Function<CloudEvent, CompletionStage<?>> replies;
        private final CompletableFuture<DeliveryResult> done = new CompletableFuture<>();

        Attempts(CloudEvent event, TriggerRoute trigger, URI target, HttpMessage message,
                 Function<SubscriberResponse, DeliveryOutcome> classify, Function<CloudEvent, CompletionStage<?>> replies) {
            this.event = event;
            this.trigger = trigger;
            this.target = target;
            this.message = message;
            this.classify = classify;
            this.replies = replies;
        }

        void attempt(int index) {
            CompletionStage<SubscriberResponse> sent;
            try {
                sent = client.post(target, message, trigger.delivery().timeoutOr(defaultTimeout));
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.thenApply(classify)
                    .exceptionally(error -> DeliveryOutcome.noResponse(unwrap(error)))
                    .thenCompose(this::storeReply)
                    .whenComplete((outcome, error) -> conclude(index,
                            error == null ? outcome : DeliveryOutcome.noResponse(unwrap(error))));
        }

        private CompletionStage<DeliveryOutcome> storeReply(DeliveryOutcome outcome) {
            if (!(outcome instanceof DeliveryOutcome.Reply reply) || replies == null) {
                return CompletableFuture.completedFuture(outcome);
            }
            return replies.apply(reply.event()).handle((stored, error) -> error == null ? outcome
                    : new DeliveryOutcome.Failed(503, "the reply event " + reply.event().getId()
                    + " could not be stored: " + unwrap(error).getMessage()));
        }

        private void conclude(int index, DeliveryOutcome outcome) {
            int attempts = trigger.delivery().attempts();
            if (!(outcome instanceof DeliveryOutcome.Failed failed)) {
                int status = outcome instanceof DeliveryOutcome.Done d ? d.status() : ((DeliveryOutcome.Reply) outcome).status();
                LOG.debugf("event=delivered id=%s trigger=%s target=%s status=%d attempt=%d", event.getId(), trigger,
                        target, status, index + 1);
                done.complete(new DeliveryResult.Delivered(status, index + 1));
                return;
            }
            if (failed.retryable() && index + 1 < attempts) {
                Duration wait = trigger.delivery().waitBeforeRetry(index, failed.retryAfter(), defaultRetryAfterMax);
                // A subscriber that is down would flood the log: one WARN per Trigger per interval, the rest at
                // DEBUG; kedge_broker_retries_total counts them all.
                boolean warn = warnNow(trigger);
                LOG.logf(warn ? Logger.Level.WARN : Logger.Level.DEBUG,
                        "event=retrying id=%s type=%s trigger=%s target=%s attempt=%d/%d status=%d reason=\"%s\""
                                + " wait_ms=%d%s", event.getId(), event.getType(), trigger, target, index + 1, attempts,
                        failed.status(), failed.detail(), wait.toMillis(),
                        warn ? " (further retries of this trigger are logged at DEBUG for 10 s)" : "");
                listener.retrying(trigger, failed);
                scheduler.schedule(wait, () -> attempt(index + 1));
                return;
            }
            done.complete(new DeliveryResult.GaveUp(failed, index + 1));
        }
    }

    /** Whether a retry of {@code trigger} may be logged at WARN now; then the next may only in 10 s. */
    private boolean warnNow(TriggerRoute trigger) {
        long now = System.nanoTime();
        Long until = quietUntil.get(trigger.toString());
        if (until != null && now - until < 0) {
            return false;
        }
        quietUntil.put(trigger.toString(), now + QUIET_NANOS); // a race costs one extra WARN at most
        return true;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
