package io.kedge.broker.ingress;

import io.kedge.broker.log.EventLogFullException;
import io.kedge.broker.log.StoreFailedException;
import io.kedge.broker.route.BrokerKey;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The broker's HTTP ingress as plain logic, with the status codes of Knative's ingress
 * (knative-cloudevents.md §2.2): OPTIONS 200, other non-POST 405, {@code /} 404, a path other
 * than {@code /{namespace}/{broker}} 400, unknown broker 404, not a valid CloudEvent 400, TTL used
 * up 400, backlog full or store failed 503 with {@code Retry-After}, accepted 202 (once on disk). The
 * body-size limit (413) is enforced before, while reading.
 */
public final class IngressHandler {

    static final String ALLOW = "POST, OPTIONS";

    private final Ingress ingress;
    private final String retryAfter;

    public IngressHandler(Ingress ingress) {
        this(ingress, 1);
    }

    /** @param retryAfterSeconds the {@code Retry-After} of a 503: when a sender should try again */
    public IngressHandler(Ingress ingress, long retryAfterSeconds) {
        this.ingress = ingress;
        this.retryAfter = String.valueOf(Math.max(1, retryAfterSeconds));
    }

    public CompletionStage<IngressResponse> handle(String method, String path, HttpMessage message) {
        if (method.equals("OPTIONS")) {
            return done(new IngressResponse(200, Map.of("Allow", ALLOW, "WebHook-Allowed-Origin", "*",
                    "WebHook-Allowed-Rate", "*"), ""));
        }
        if (!method.equals("POST")) {
            return done(new IngressResponse(405, Map.of("Allow", ALLOW),
                    method + " is not allowed; POST a CloudEvent to /{namespace}/{broker}"));
        }
        if (path.equals("/")) {
            return done(IngressResponse.of(404, "no broker at /; POST CloudEvents to /{namespace}/{broker}"));
        }
        Optional<BrokerKey> broker = BrokerKey.ofPath(path);
        if (broker.isEmpty()) {
            return done(IngressResponse.of(400, "path \"" + path + "\" is not /{namespace}/{broker}"));
        }
        try {
            ingress.requireBroker(broker.get());
            return ingress.accept(broker.get(), CloudEventHttp.decode(message))
                    .handle((entry, error) -> error == null ? IngressResponse.of(202, "") : refusal(error));
        } catch (RejectedEventException e) {
            return done(IngressResponse.of(e.status(), e.getMessage()));
        } catch (InvalidEventException e) {
            return done(IngressResponse.of(400, e.getMessage()));
        }
    }

    private IngressResponse refusal(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RejectedEventException rejected) {
            return IngressResponse.of(rejected.status(), rejected.getMessage());
        }
        if (cause instanceof EventLogFullException full) {
            return new IngressResponse(503, Map.of("Retry-After", retryAfter), full.getMessage());
        }
        if (cause instanceof StoreFailedException failed) {
            return new IngressResponse(503, Map.of("Retry-After", retryAfter),
                    "the event was not stored: " + failed.getMessage());
        }
        return IngressResponse.of(500, "the event could not be stored: " + cause.getMessage());
    }

    private static CompletionStage<IngressResponse> done(IngressResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
