package io.kedge.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.edge.dispatch.ServiceDispatch;
import io.kedge.functions.support.JsonData;
import io.kedge.functions.support.RequestProblem;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * {@code /<service>}, one route per Knative Service hosted here (kedge-validate, kedge-store,
 * kedge-alert): the broker delivers there what a Trigger sends to that Service. The route picks the
 * Service's function for the event's type ({@link ServiceDispatch}), gives the event the function's
 * private trigger as its type when it has one, and reroutes it to the function's Funqy path, where
 * the functions' own EventGate and Funqy take it as in the Service's own app.
 *
 * <p>It also writes the broker's service directory, before any other Router observer runs: the
 * broker is created when its ingress route is installed, and resolves its Triggers then.
 */
@Singleton
public class ServiceRoutes {

    private static final Logger LOG = Logger.getLogger(ServiceRoutes.class);
    /** Right after the body handler, as the functions' EventGate (on other paths). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1;
    private static final Pattern MAPPING = Pattern.compile("quarkus\\.funqy\\.knative-events\\.mapping\\.([^.]+)\\.trigger");

    private final EdgeConfig config;
    private ServiceDispatch dispatch;
    private Map<String, URI> directory;
    private List<String> unhosted;

    ServiceRoutes(EdgeConfig config) {
        this.config = config;
    }

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        dispatch = ServiceDispatch.of(config.services(), funqyTriggers(ConfigProvider.getConfig()),
                function -> FunctionRecorder.registry.matchInvoker(function) != null);
        unhosted = config.unhosted().orElse(List.of());
        List<String> pathServices = config.pathServices().orElse(List.of());
        directory = directory(config.url(), List.copyOf(dispatch.services()), pathServices, unhosted);
        ServiceDirectoryFile.write(Path.of(config.serviceDirectory()), directory);
        for (String service : dispatch.services()) {
            router.route("/" + service).order(ORDER).handler(context -> dispatch(context, service));
        }
        for (String service : unhosted) {
            router.route("/" + service).order(ORDER).handler(context -> {
                LOG.debugf("event=unhosted service=%s type=%s id=%s", service, context.request().getHeader("ce-type"),
                        context.request().getHeader("ce-id"));
                context.response().setStatusCode(204).end();
            });
        }
        LOG.infof("edge services (directory %s):%s%s%s", config.serviceDirectory(), dispatch.describe(),
                pathServices.isEmpty() ? "" : "\n  at their own paths under " + config.url() + ": " + pathServices,
                unhosted.isEmpty() ? "" : "\n  not hosted, every event taken with 204: " + unhosted);
    }

    /**
     * Every Service's URL: {@code <base>/<service>} for function Services and unhosted ones, the base
     * itself for Services whose Triggers name their own path.
     */
    static Map<String, URI> directory(URI base, List<String> functionServices, List<String> pathServices,
            List<String> unhosted) {
        List<String> twice = Stream.of(functionServices, pathServices, unhosted).flatMap(List::stream)
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()))
                .entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!twice.isEmpty()) {
            throw new IllegalStateException("Services " + twice + " are named more than once in kedge.edge.services,"
                    + " kedge.edge.path-services and kedge.edge.unhosted; name each in one of them");
        }
        Map<String, URI> directory = new LinkedHashMap<>();
        functionServices.forEach(service -> directory.put(service, ServiceDirectoryFile.serviceUrl(base, service)));
        pathServices.forEach(service -> directory.put(service, base));
        unhosted.forEach(service -> directory.put(service, ServiceDirectoryFile.serviceUrl(base, service)));
        return directory;
    }

    /** The Services and the URL each was given in the broker's service directory. */
    public Map<String, URI> directory() {
        return directory;
    }

    /** The Services in the directory that this build does not host. */
    public List<String> unhosted() {
        return unhosted;
    }

    private void dispatch(RoutingContext context, String service) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("allow", "POST");
            answer(context, new RequestProblem(405, "method not allowed", List.of(context.request().method() + " /"
                    + service + " is not supported; POST a CloudEvent")));
            return;
        }
        boolean structured = isStructured(context.request().getHeader("content-type"));
        String type = structured ? structuredType(context.body().buffer()) : context.request().getHeader("ce-type");
        ServiceDispatch.Decision decision = dispatch.route(service, type);
        if (decision instanceof ServiceDispatch.Refuse refuse) {
            LOG.infof("answered %d %s on /%s: %s", refuse.status(), refuse.error(), service, refuse.problem());
            answer(context, new RequestProblem(refuse.status(), refuse.error(), List.of(refuse.problem())));
            return;
        }
        ServiceDispatch.Forward forward = (ServiceDispatch.Forward) decision;
        if (forward.retype() != null) {
            if (structured) {
                // The broker delivers in binary mode; retyping a structured body is not worth its cost here.
                answer(context, new RequestProblem(415, "binary mode only", List.of("/" + service
                        + " takes events of type " + type + " in binary mode (Ce-* headers), as the broker sends them;"
                        + " or POST it to the broker")));
                return;
            }
            context.request().headers().set("ce-type", forward.retype());
        }
        context.reroute(forward.path());
    }

    private static boolean isStructured(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CloudEventHttp.STRUCTURED_JSON);
    }

    /** The {@code type} member, or null when the body is no JSON object with one: the EventGate says why. */
    private static String structuredType(Buffer body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode type = JsonData.parse(body.getBytes()).get("type");
            return type != null && type.isTextual() ? type.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void answer(RoutingContext context, RequestProblem problem) {
        context.response()
                .setStatusCode(problem.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(problem.json()));
    }

    /** Function → trigger, from Funqy's own keys: the routing stays written in one place. */
    static Map<String, String> funqyTriggers(Config config) {
        Map<String, String> triggers = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = MAPPING.matcher(name);
            if (matcher.matches()) {
                triggers.put(matcher.group(1), config.getValue(name, String.class));
            }
        }
        return triggers;
    }
}
