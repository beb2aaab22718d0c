package io.kedge.functions.support;

import io.kedge.contract.codec.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The app's failure handler on every path, so that no failure is answered without a message.
 *
 * <ul>
 * <li>A {@link FunctionFailure} anywhere in the cause chain: its own status and message. Funqy
 * hands every exception of a function to Vert.x, whose default is a 500 that a broker retries
 * until it gives up.</li>
 * <li>413 from Quarkus' body handler, on any path (a function's, {@code /q/health}, one that no
 * route serves): the limit and its key.</li>
 * <li>The same 413 for a body over the limit declared by {@code Content-Length} in a GET, HEAD,
 * OPTIONS, TRACE or unknown-method request, which Quarkus otherwise answers with no message
 * before any router handler runs (its upload-limit route); POST, PUT, PATCH and DELETE reach this
 * failure handler with a 413 already (seen with each method). Found by {@code ./kedge fuzz}.</li>
 * <li>Any other 4xx failure without a message (Vert.x's 404 for the request target {@code *},
 * Funqy's bare 404 and 406): its status with the method and path.</li>
 * </ul>
 * Each answer is a {@code {status, error, problems}} body, what a broker keeps with a
 * dead-lettered event. Every other failure (a 500) is left to Quarkus, which logs it.
 */
@Singleton
public class FailureStatuses {

    /** Right before Quarkus' upload-limit route, which answers a bare 413. */
    static final int EARLY_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** The methods whose oversized body reaches the failure handler as a 413 already. */
    private static final Set<HttpMethod> FAILED_BY_BODY_HANDLER =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final BodyLimit limit = BodyLimit.configured();

    void install(@Observes Router router) {
        router.route().order(EARLY_ORDER).handler(this::oversizedWithoutBodyHandler);
        router.route().order(EventGate.ORDER).failureHandler(this::handle);
        // When no route serves a path, Vert.x answers an HTML page. An error handler, not a catch-all
        // route: it runs only when the router found nothing, so a 405 for a route's path stays a 405.
        router.errorHandler(404, context -> EventGate.answer(context,
                refused(404, context.request().method().name(), context.request().uri())));
    }

    private void oversizedWithoutBodyHandler(RoutingContext context) {
        if (FAILED_BY_BODY_HANDLER.contains(context.request().method())
                || HttpMessage.declaredLength(context.request().getHeader("content-length")) <= limit.bytes()) {
            context.next();
            return;
        }
        // The body is left unread, so the connection cannot carry another request (as Quarkus does).
        context.response().putHeader("connection", "close")
                .endHandler(ended -> context.request().connection().close());
        EventGate.answer(context, tooLarge(limit.text()));
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
        int status = context.statusCode();
        if (status == 413) {
            EventGate.answer(context, tooLarge(limit.text()));
            return;
        }
        if (status >= 400 && status < 500) {
            RequestProblem problem = refused(status, context.request().method().name(), context.request().uri());
            Log.debugf("answered %s", problem.getMessage());
            EventGate.answer(context, problem);
            return;
        }
        context.next();
    }

    /** The answer to a body over the limit, the same on every path. */
    static RequestProblem tooLarge(String limit) {
        return new RequestProblem(413, "request too large", List.of(
                "the request body exceeds " + limit + " (" + BodyLimit.KEY + ")"));
    }

    /** A 4xx that Vert.x or Funqy failed the request with, given no reason: the status says it. */
    static RequestProblem refused(int status, String method, String target) {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT);
        String shown = target == null ? "" : target.length() > 200 ? target.substring(0, 200) + "..." : target;
        return new RequestProblem(status, reason, List.of(method + " " + shown + " was refused: " + reason
                + "; POST a CloudEvent to / or /<function>"));
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
