package io.kedge.store.function;

import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Checks every POST with the contract's strict CloudEvents codec before Funqy sees it, so that a
 * request that is no valid {@code io.kedge.reading.validated.v1} event gets 400 and a message
 * naming every problem. Funqy alone answers such requests with a bare 400, or 500 for a broken
 * structured body, which a broker would retry forever.
 */
@ApplicationScoped
public class EventGate {

    /** After the body handler and the upload limit, before Funqy's routes (inserted with orders from 0). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
    private static final Logger LOG = Logger.getLogger(EventGate.class);

    void install(@Observes Router router) {
        router.route().method(HttpMethod.POST).order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        context.request().headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
        Buffer body = context.body().buffer();
        HttpMessage message = new HttpMessage(headers, body == null ? new byte[0] : body.getBytes());
        String problem;
        try {
            String type = CloudEventHttp.decode(message).getType();
            problem = EventTypes.READING_VALIDATED.equals(type) ? null
                    : "store accepts only " + EventTypes.READING_VALIDATED + " events, got type \"" + type + "\"";
        } catch (InvalidEventException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            context.next();
            return;
        }
        LOG.infof("Refused %s %s: %s", context.request().method(), context.request().path(), problem);
        FailureResponses.respond(context, 400, problem);
    }
}
