package io.kedge.broker;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Edge mode only: the broker's ingress, behind every other route of the app. {@link IngressRoute}
 * takes every path outside {@code /q/} at the routes' insertion order; hosted with the device
 * source and the functions, it would answer their routes too ({@code GET /status} with 405).
 * {@code IngressRoute} is excluded as a bean ({@code quarkus.arc.exclude-types}); this installs
 * the very same route on a router of its own, reached after all default-ordered routes.
 *
 * <p>It sits in the broker's package to fill {@code IngressRoute}'s package-private fields.
 * Obsolete once {@code IngressRoute} orders its route {@code ROUTE_ORDER_AFTER_DEFAULT} (see README).
 */
@Singleton
class EdgeIngressRoute {

    void install(@Observes Router router, Vertx vertx, BrokerRuntime broker, BrokerConfig config) {
        IngressRoute ingress = new IngressRoute();
        ingress.broker = broker;
        ingress.config = config;
        Router own = Router.router(vertx);
        ingress.init(own);
        // A route without path mounts the router at "/", so it sees the request's whole path.
        router.route().order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT).handler(own::handleContext)
                .failureHandler(own::handleFailure);
    }
}
