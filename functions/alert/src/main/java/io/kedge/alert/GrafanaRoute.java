package io.kedge.alert;

import io.kedge.alert.grafana.GrafanaWebhook;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.functions.support.BodyLimit;
import io.kedge.functions.support.RequestProblem;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /grafana}: Grafana's webhook contact point, a plain HTTP endpoint beside the
 * functions. Funqy and the shared {@code EventGate} take only {@code /} and {@code /<function>},
 * so this path reaches neither; the raw body is read here because the HMAC signature covers
 * exactly those bytes.
 */
@Singleton
public class GrafanaRoute {

    public static final String PATH = "/grafana";

    private final GrafanaWebhook webhook;
    private final String maxBodySize;

    GrafanaRoute(GrafanaWebhook webhook) {
        this.webhook = webhook;
        this.maxBodySize = BodyLimit.configured().text();
    }

    void install(@Observes Router router) {
        router.route(PATH)
                .order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1)
                // Sending to the broker blocks; ordered=false lets notifications run side by side.
                .blockingHandler(this::handle, false)
                .failureHandler(this::failed);
    }

    private void handle(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("allow", "POST");
            end(context, 405, new RequestProblem(405, "method not allowed", List.of(context.request().method() + " "
                    + PATH + " is not supported; Grafana's webhook contact point POSTs")).json(), Map.of());
            return;
        }
        Buffer body = context.body().buffer();
        GrafanaWebhook.Answer answer = webhook.handle(new HttpMessage(headers(context), body == null ? null : body.getBytes()));
        if (answer.status() == 200) {
            Log.debugf("grafana notification taken: %s", new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            Log.infof("grafana notification answered %d: %s", answer.status(),
                    new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        end(context, answer.status(), answer.body(), answer.headers());
    }

    /** Quarkus' body handler fails an over-sized request with a bare 413; this names the limit. */
    private void failed(RoutingContext context) {
        if (context.statusCode() == 413) {
            end(context, 413, new RequestProblem(413, "notification too large", List.of("the request body exceeds "
                    + maxBodySize + " (" + BodyLimit.KEY + "); lower maxAlerts of the contact point")).json(), Map.of());
            return;
        }
        context.next();
    }

    private static void end(RoutingContext context, int status, byte[] body, Map<String, String> headers) {
        if (context.response().ended()) {
            return;
        }
        headers.forEach(context.response()::putHeader);
        context.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(body));
    }

    private static Map<String, String> headers(RoutingContext context) {
        Map<String, String> first = new LinkedHashMap<>();
        context.request().headers().forEach(header -> first.putIfAbsent(header.getKey(), header.getValue()));
        return first;
    }
}
