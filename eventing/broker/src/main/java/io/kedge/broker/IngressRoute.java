package io.kedge.broker;

import io.kedge.broker.ingress.IngressResponse;
import io.kedge.contract.codec.HttpMessage;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Wires the ingress onto Quarkus' HTTP server as a raw Vert.x route: every path except Quarkus' own
 * {@code /q/}. Also answers, with a message, every 4xx that Vert.x fails a request with before any
 * route (the request target {@code *}, ...).
 */
@ApplicationScoped
public class IngressRoute {

    private static final Logger LOG = Logger.getLogger(IngressRoute.class);

    @Inject
    BrokerRuntime broker;
    @Inject
    BrokerConfig config;

    void init(@Observes Router router) {
        long limit = config.maxEventSize().asLongValue();
        router.routeWithRegex("/(?!q/).*")
                .handler(context -> readBody(context, limit))
                .handler(this::handle)
                .failureHandler(this::failure);
        // Vert.x fails a request whose target is no path ("OPTIONS *") with a bare 404 before any route.
        router.route().last().failureHandler(this::unrouted);
    }

    /** A 4xx failure outside the ingress's paths gets a message; anything else is Quarkus' to answer. */
    private void unrouted(RoutingContext ctx) {
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            failure(ctx);
        } else {
            ctx.next();
        }
    }

    /**
     * Reads the body as it came, up to {@code limit} bytes, then goes on. Vert.x's BodyHandler is
     * not used: it decodes a multipart or form body into form attributes and keeps no body, so an
     * event with such a Content-Type arrived with empty data; and it failed HEAD and other methods
     * with such a Content-Type with a 500.
     */
    private static void readBody(RoutingContext ctx, long limit) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (HttpMessage.declaredLength(length) > limit) {
            ctx.fail(413);
            return;
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                ctx.fail(417);
                return;
            }
            if (request.version() != HttpVersion.HTTP_1_0) {
                ctx.response().writeContinue();
            }
        }
        if (request.isEnded()) {
            ctx.next();
            return;
        }
        BodyCollector collector = new BodyCollector(ctx, limit);
        request.handler(collector).endHandler(ignored -> collector.end()).exceptionHandler(ctx::fail).resume();
    }

    /** Collects the body; past the limit it fails the request once (413) and drops the rest. */
    private static final class BodyCollector implements Handler<Buffer> {

        private final RoutingContext ctx;
        private final long limit;
        private Buffer body = Buffer.buffer();
        private boolean failed;

        BodyCollector(RoutingContext ctx, long limit) {
            this.ctx = ctx;
            this.limit = limit;
        }

        @Override
        public void handle(Buffer chunk) {
            if (failed) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                failed = true;
                body = null;
                ctx.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        }

        void end() {
            if (!failed) {
                ctx.setBody(body);
                ctx.next();
            }
        }
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
        int status = ctx.statusCode();
        if (status == 413) {
            text(ctx, 413, "event larger than " + config.maxEventSize().asLongValue() + " bytes (kedge.broker.max-event-size)");
            return;
        }
        if (status == 404 && "*".equals(ctx.request().uri()) && "OPTIONS".equals(ctx.request().method().name())) {
            // the server-wide OPTIONS: what the ingress answers on its own paths
            broker.ingress().handle("OPTIONS", "*", new HttpMessage(Map.of(), null))
                    .thenAccept(response -> write(ctx, response, null));
            return;
        }
        if (status == 417) {
            text(ctx, 417, "expectation \"" + ctx.request().getHeader(HttpHeaders.EXPECT) + "\" cannot be met; only"
                    + " 100-continue is understood");
            return;
        }
        if (status >= 400 && status < 500) {
            text(ctx, status, ctx.request().method().name() + " " + shorten(ctx.request().uri()) + " refused with status "
                    + status + "; POST CloudEvents to /{namespace}/{broker}");
            return;
        }
        LOG.errorf(ctx.failure(), "ingress failed on %s %s", ctx.request().method(), ctx.request().path());
        text(ctx, 500, "the broker failed to handle the event; see its log");
    }

    private static void text(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=UTF-8").end(message + "\n");
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
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
