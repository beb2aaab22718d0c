package io.kedge.store.function;

import io.kedge.store.InvalidReadingException;
import io.kedge.store.StoreRejectedException;
import io.kedge.store.StoreUnavailableException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Turns the store's failures into the statuses a Knative broker acts on: 503 (retried) when
 * InfluxDB cannot store the reading now, 422 (not retried, dead-lettered) when InfluxDB refuses it
 * for good, 400 for a reading that cannot become a point. Funqy hands every exception of a
 * function to Vert.x, whose default would be 500 with an error page; this failure handler runs
 * before Quarkus's own (installed last) and leaves every other failure to it.
 */
@ApplicationScoped
public class FailureResponses {

    private static final Logger LOG = Logger.getLogger(FailureResponses.class);

    void install(@Observes Router router) {
        router.route().order(EventGate.ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        for (Throwable cause = context.failure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException) {
                LOG.warnf("Not stored, sender should retry: %s", cause.getMessage());
                respond(context, 503, cause.getMessage());
                return;
            }
            if (cause instanceof StoreRejectedException) {
                LOG.warnf("Not stored, refused for good: %s", cause.getMessage());
                respond(context, 422, cause.getMessage());
                return;
            }
            if (cause instanceof InvalidReadingException) {
                LOG.infof("Not stored, bad reading: %s", cause.getMessage());
                respond(context, 400, cause.getMessage());
                return;
            }
        }
        context.next();
    }

    /** A short plain-text answer; a broker keeps it with the dead-lettered event. */
    static void respond(RoutingContext context, int status, String message) {
        if (context.response().ended()) {
            return;
        }
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end(message);
    }
}
