package io.kedge.functions.validate;

import io.kedge.contract.codec.HttpMessage;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stands in front of Funqy's routes ({@code /} and {@code /validate}). It runs after Quarkus'
 * body handler and before Funqy, refuses what {@link EnvelopeCheck} refuses with a JSON
 * {@code {status, error, problems}} body, and passes the rest on.
 */
@Singleton
public class EnvelopeFilter {

    /** The routing itself, read from Funqy's own key so that it is written in one place only. */
    @ConfigProperty(name = "quarkus.funqy.knative-events.mapping.validate.trigger")
    String handledType;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    String maxBodySize;

    void install(@Observes Router router) {
        for (String path : List.of("/", "/validate")) {
            // Right after the body handler: Funqy's routes carry Vert.x's insertion order (0, 1, ...),
            // so even Quarkus' "before default" order (1000) would come after them.
            router.route(path)
                    .order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1)
                    .handler(this::check)
                    .failureHandler(this::tooLarge);
        }
    }

    private void check(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("allow", "POST");
            refuse(context, new RequestProblem(405, "method not allowed",
                    List.of(context.request().method() + " " + context.request().path() + " is not supported; POST a CloudEvent")));
            return;
        }
        Buffer body = context.body().buffer();
        try {
            EnvelopeCheck.check(new HttpMessage(headers(context.request().headers()), body == null ? null : body.getBytes()),
                    handledType);
        } catch (RequestProblem problem) {
            refuse(context, problem);
            return;
        }
        context.addHeadersEndHandler(ignored -> fixTimeHeader(context));
        context.next();
    }

    /** Quarkus' body handler fails over-sized requests with a bare 413; this adds the reason. */
    private void tooLarge(RoutingContext context) {
        if (context.statusCode() != 413) {
            context.next();
            return;
        }
        refuse(context, new RequestProblem(413, "event too large", List.of(
                "the request body exceeds " + maxBodySize + " (quarkus.http.limits.max-body-size)")));
    }

    /**
     * Funqy writes the reply's {@code ce-time} with {@code OffsetDateTime.toString()}, which drops
     * zero seconds ({@code 10:15Z}); RFC 3339, and so every strict receiver, requires them.
     */
    private static void fixTimeHeader(RoutingContext context) {
        String time = context.response().headers().get("ce-time");
        if (time == null) {
            return;
        }
        try {
            context.response().putHeader("ce-time",
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(time)));
        } catch (DateTimeParseException e) {
            Log.warnf("reply carries an unparsable ce-time %s", time);
        }
    }

    private static void refuse(RoutingContext context, RequestProblem problem) {
        Log.infof("answered %s", problem.getMessage());
        context.response()
                .setStatusCode(problem.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(problem.json()));
    }

    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> first = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            first.putIfAbsent(header.getKey(), header.getValue());
        }
        return first;
    }
}
