package io.kedge.functions.support;

import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Funqy hands every exception of a function to Vert.x, whose default is a 500 that a broker
 * retries until it gives up. This failure handler answers a {@link FunctionFailure} anywhere in
 * the cause chain with its own status and a {@code {status, error, problems}} body (what a broker
 * keeps with a dead-lettered event), and leaves every other failure to Quarkus.
 */
@Singleton
public class FailureStatuses {

    void install(@Observes Router router) {
        router.route().order(EventGate.ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        for (Throwable cause = context.failure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof FunctionFailure failure) {
                if (failure.status() >= 500) {
                    Log.warnf("answered %d, sender should retry: %s", failure.status(), failure.getMessage());
                } else {
                    Log.infof("answered %d: %s", failure.status(), failure.getMessage());
                }
                EventGate.answer(context, new RequestProblem(failure.status(), failure.error(), List.of(failure.getMessage())));
                return;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        context.next();
    }

    static void end(RoutingContext context, int status, byte[] body) {
        if (!context.response().ended()) {
            context.response()
                    .setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(body));
        }
    }
}
