package io.kedge.broker.delivery;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.TriggerRoute;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Offers one event to one Trigger's subscriber: binary mode with {@code Prefer: reply}, retried
 * per the Trigger's delivery policy on retryable failures, the reply handed back to the caller.
 * After the last failed attempt the event is dropped with a warning; dead-letter sinks come with
 * the durable version.
 */
public final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final SubscriberClient client;
    private final Scheduler scheduler;
    private final Duration defaultTimeout;
    private final DeliveryStats stats;

    /**
     * @param defaultTimeout per-attempt timeout when neither Trigger nor Broker sets {@code delivery.timeout}
     */
    public Delivery(SubscriberClient client, Scheduler scheduler, Duration defaultTimeout, DeliveryStats stats) {
        this.client = client;
        this.scheduler = scheduler;
        this.defaultTimeout = defaultTimeout;
        this.stats = stats;
    }

    /**
     * Delivers {@code event} (already stripped of broker-internal extensions) to {@code trigger}.
     *
     * @param replies stores a reply event; when its stage fails the attempt counts as failed (Knative:
     *                a reply that cannot be stored fails the delivery, so the original is retried)
     * @return true when a 2xx ended the delivery, false when it was given up
     */
    public CompletionStage<Boolean> deliver(CloudEvent event, TriggerRoute trigger,
                                            Function<CloudEvent, CompletionStage<?>> replies) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        new Attempts(event, trigger, preferReply(CloudEventHttp.binary(event)), replies, done).attempt(0);
        return done;
    }

    private static HttpMessage preferReply(HttpMessage message) {
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        headers.put("Prefer", "reply");
        return new HttpMessage(headers, message.body());
    }

    private final class Attempts {

        private final CloudEvent event;
        private final TriggerRoute trigger;
        private final HttpMessage message;
        private final Function<CloudEvent, CompletionStage<?>> replies;
        private final CompletableFuture<Boolean> done;

        Attempts(CloudEvent event, TriggerRoute trigger, HttpMessage message,
                 Function<CloudEvent, CompletionStage<?>> replies, CompletableFuture<Boolean> done) {
            this.event = event;
            this.trigger = trigger;
            this.message = message;
            this.replies = replies;
            this.done = done;
        }

        void attempt(int index) {
            client.post(trigger.subscriber(), message, trigger.delivery().timeoutOr(defaultTimeout))
                    .thenApply(DeliveryOutcome::of)
                    .exceptionally(error -> DeliveryOutcome.noResponse(unwrap(error)))
                    .thenCompose(this::storeReply)
                    .whenComplete((outcome, error) -> conclude(index,
                            error == null ? outcome : DeliveryOutcome.noResponse(unwrap(error))));
        }

        private CompletionStage<DeliveryOutcome> storeReply(DeliveryOutcome outcome) {
            if (!(outcome instanceof DeliveryOutcome.Reply reply)) {
                return CompletableFuture.completedFuture(outcome);
            }
            return replies.apply(reply.event()).handle((stored, error) -> error == null ? outcome
                    : new DeliveryOutcome.Failed(503, "the reply event " + reply.event().getId()
                    + " could not be stored: " + unwrap(error).getMessage()));
        }

        private void conclude(int index, DeliveryOutcome outcome) {
            if (!(outcome instanceof DeliveryOutcome.Failed failed)) {
                stats.onDelivered();
                LOG.debugf("delivered event %s to trigger %s at %s: %s", event.getId(), trigger, trigger.subscriber(), outcome);
                done.complete(true);
                return;
            }
            stats.onFailedAttempt();
            int attempts = trigger.delivery().attempts();
            if (failed.retryable() && index + 1 < attempts) {
                Duration wait = trigger.delivery().waitBeforeRetry(index);
                LOG.warnf("delivery of event %s (%s) to trigger %s at %s failed, attempt %d/%d: %s: %s; retrying in %d ms",
                        event.getId(), event.getType(), trigger, trigger.subscriber(), index + 1, attempts,
                        failed.statusText(), failed.detail(), wait.toMillis());
                scheduler.schedule(wait, () -> attempt(index + 1));
                return;
            }
            stats.onGaveUp();
            LOG.warnf("delivery of event %s (%s) to trigger %s at %s failed, attempt %d/%d: %s: %s; %s, event dropped%s",
                    event.getId(), event.getType(), trigger, trigger.subscriber(), index + 1, attempts,
                    failed.statusText(), failed.detail(), failed.retryable() ? "no retries left" : "not retryable",
                    trigger.delivery().deadLetterSink() == null ? ""
                            : " (dead-letter sinks are not honoured by this version of the local broker)");
            done.complete(false);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
