package io.kedge.broker;

import io.kedge.broker.ingress.IngressResponse;
import io.kedge.contract.codec.HttpMessage;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** Wires the ingress onto Quarkus' HTTP server as a raw Vert.x route: every path except Quarkus' own {@code /q/}. */
@ApplicationScoped
public class IngressRoute {

    private static final Logger LOG = Logger.getLogger(IngressRoute.class);

    @Inject
    BrokerRuntime broker;
    @Inject
    BrokerConfig config;

    void init(@Observes Router router) {
        router.routeWithRegex("/(?!q/).*")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxEventSize().asLongValue()))
                .handler(this::handle)
                .failureHandler(this::failure);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = ctx.body().buffer();
        HttpMessage message = new HttpMessage(headers(request.headers()), body == null ? new byte[0] : body.getBytes());
        Context context = Vertx.currentContext();
        broker.ingress().handle(request.method().name(), request.path(), message).whenComplete((response, error) -> {
            // A durable log may complete off the event loop; answer on the request's own context.
            if (Vertx.currentContext() == context) {
                write(ctx, response, error);
            } else {
                context.runOnContext(ignored -> write(ctx, response, error));
            }
        });
    }

    private void write(RoutingContext ctx, IngressResponse response, Throwable error) {
        if (error != null) {
            ctx.fail(error);
            return;
        }
        HttpServerResponse out = ctx.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        if (response.message().isEmpty()) {
            out.end();
        } else {
            out.putHeader("Content-Type", "text/plain; charset=UTF-8").end(response.message() + "\n");
        }
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.statusCode() == 413) {
            ctx.response().setStatusCode(413).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("event larger than " + config.maxEventSize().asLongValue()
                            + " bytes (kedge.broker.max-event-size)\n");
            return;
        }
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            ctx.response().setStatusCode(ctx.statusCode()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("request refused with status " + ctx.statusCode() + "\n");
            return;
        }
        LOG.errorf(ctx.failure(), "ingress failed on %s %s", ctx.request().method(), ctx.request().path());
        ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end("the broker failed to handle the event; see its log\n");
    }

    /** The first value of each header, as {@code MultiMap.get} gives it, in one pass over the headers. */
    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            copy.putIfAbsent(header.getKey(), header.getValue());
        }
        return copy;
    }
}
