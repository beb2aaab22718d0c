package io.kedge.device.app;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.kedge.device.actuator.Actuator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /actuator}: alert CloudEvents from the broker's actuator Triggers. Answers as a Knative
 * subscriber must: an empty 2xx when handled (a 2xx body that is not an event would count as a
 * failure at the broker), 400 with a message for what is not an alert event (not retried), 503 when
 * the GPIO could not be switched (retried). {@code GET /actuator}: each output and its state.
 */
@Singleton
public class ActuatorRoute {

    static final String PATH = "/actuator";
    private static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(ActuatorRoute.class);

    private final Actuator actuator;

    ActuatorRoute(Actuator actuator) {
        this.actuator = actuator;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY).setHandleFileUploads(false));
        router.post(PATH).blockingHandler(this::handle, false);
        router.get(PATH).handler(context -> context.response()
                .putHeader("content-type", "application/json")
                .end(states().encode()));
    }

    private void handle(RoutingContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        context.request().headers().forEach(header -> headers.merge(header.getKey(), header.getValue(), (a, b) -> a + "," + b));
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        CloudEvent event;
        try {
            event = CloudEventHttp.decode(new HttpMessage(headers, body));
        } catch (InvalidEventException e) {
            text(context, 400, e.getMessage());
            return;
        }
        Actuator.Outcome outcome = actuator.handle(event);
        if (outcome instanceof Actuator.Outcome.Switched || outcome instanceof Actuator.Outcome.Ignored) {
            if (outcome instanceof Actuator.Outcome.Ignored ignored) {
                LOG.debugf("Alert %s ignored: %s", event.getId(), ignored.reason());
            }
            context.response().setStatusCode(204).end();
        } else if (outcome instanceof Actuator.Outcome.Refused refused) {
            text(context, 400, refused.reason());
        } else if (outcome instanceof Actuator.Outcome.Failed failed) {
            text(context, 503, failed.reason());
        }
    }

    private JsonObject states() {
        JsonArray outputs = new JsonArray();
        for (Actuator.State state : actuator.states()) {
            outputs.add(new JsonObject()
                    .put("gpio", state.output().pin())
                    .put("activeLow", state.output().activeLow())
                    .put("rules", new JsonArray(state.rules()))
                    .put("on", state.on())
                    .put("incidents", new JsonArray(state.incidents())));
        }
        return new JsonObject().put("outputs", outputs);
    }

    private static void text(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(message);
    }
}
