package io.kedge.broker;

import io.kedge.broker.admin.DlqAdmin;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Wires the dead-letter admin API ({@link DlqAdmin}) onto Quarkus' HTTP server, ahead of the
 * ingress route. No broker path can collide: the ingress takes POSTs to two-segment paths, and the
 * admin API answers GET {@code /admin/dlq}, GET {@code /admin/dlq/{id}} and POST {@code /admin/dlq/replay}.
 * It answers text when the request accepts {@code text/plain} (or has {@code format=text}), JSON otherwise.
 */
@ApplicationScoped
public class AdminRoute {

    private static final Logger LOG = Logger.getLogger(AdminRoute.class);

    @Inject
    BrokerRuntime broker;

    void init(@Observes Router router) {
        router.get("/admin/dlq").order(-30).blockingHandler(ctx ->
                write(ctx, broker.admin().list(params(ctx), wantsText(ctx))), false);
        router.get("/admin/dlq/:id").order(-20).blockingHandler(ctx ->
                write(ctx, broker.admin().show(ctx.pathParam("id"), wantsText(ctx))), false);
        router.post("/admin/dlq/replay").order(-10).blockingHandler(ctx ->
                broker.admin().replay(params(ctx), wantsText(ctx)).whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "event=admin-failed path=%s", ctx.request().path());
                        write(ctx, new DlqAdmin.Response(500, "text/plain; charset=UTF-8",
                                "replay failed: " + error.getMessage() + "\n"));
                    } else {
                        write(ctx, response);
                    }
                }), false);
    }

    private static void write(RoutingContext ctx, DlqAdmin.Response response) {
        ctx.response().setStatusCode(response.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, response.contentType())
                .end(response.body());
    }

    private static boolean wantsText(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        return "text".equals(ctx.request().getParam("format")) || (accept != null && accept.contains("text/plain"));
    }

    private static Map<String, List<String>> params(RoutingContext ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParams().names().forEach(name -> params.put(name, ctx.queryParam(name)));
        return params;
    }
}
