package io.kedge.functions.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.Rfc3339;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stands in front of Funqy's routes ({@code /} and {@code /<function>}): refuses with 4xx and a
 * {@code {status, error, problems}} body what {@link EnvelopeCheck} refuses, and passes the rest
 * on. Funqy alone answers bad input with a bare 400, a 404 that Knative retries, or a 500. A
 * structured-mode event is passed on in the form Funqy reads as that same event
 * ({@link FunqyStructured}).
 *
 * <p>The CloudEvent types it lets through are read from Funqy's own routing keys
 * ({@code quarkus.funqy.knative-events.mapping.<function>.trigger}), so routing is written in one
 * place: each function's {@code application.properties}.
 */
@Singleton
public class EventGate {

    /** Right after the body handler: Funqy's routes carry Vert.x's insertion order (0, 1, ...). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1;
    private static final Pattern MAPPING = Pattern.compile("quarkus\\.funqy\\.knative-events\\.mapping\\.([^.]+)\\.trigger");

    private final Map<String, String> typeByFunction;
    private final Set<String> handledTypes;

    EventGate() {
        Config config = ConfigProvider.getConfig();
        typeByFunction = functionTriggers(config);
        handledTypes = new LinkedHashSet<>(typeByFunction.values());
        if (handledTypes.isEmpty()) {
            throw new IllegalStateException("no quarkus.funqy.knative-events.mapping.<function>.trigger is configured:"
                    + " every Kedge function names the CloudEvent type it handles there");
        }
    }

    static Map<String, String> functionTriggers(Config config) {
        Map<String, String> triggers = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = MAPPING.matcher(name);
            if (matcher.matches()) {
                triggers.put(matcher.group(1), config.getValue(name, String.class));
            }
        }
        return triggers;
    }

    void install(@Observes Router router) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add("/");
        typeByFunction.keySet().forEach(function -> paths.add("/" + function));
        for (String path : paths) {
            router.route(path).order(ORDER).handler(this::check);
        }
        Log.debugf("event gate on %s for types %s", paths, handledTypes);
    }

    private void check(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("allow", "POST");
            answer(context, new RequestProblem(405, "method not allowed",
                    List.of(context.request().method() + " " + context.request().path() + " is not supported; POST a CloudEvent")));
            return;
        }
        Buffer body = context.body().buffer();
        EnvelopeCheck.Passed passed;
        try {
            passed = EnvelopeCheck.admit(new HttpMessage(headers(context.request().headers()),
                    body == null ? null : body.getBytes()), handledTypes);
        } catch (RequestProblem problem) {
            Log.infof("answered %s", problem.getMessage());
            answer(context, problem);
            return;
        }
        context.put(CheckedData.KEY, passed.data());
        if (passed.structured()) {
            asFunqyReadsIt(context, passed.envelope());
        }
        context.addHeadersEndHandler(ignored -> fixTimeHeader(context));
        context.next();
    }

    /** The structured request as Funqy must see it to read the event passed, see {@link FunqyStructured}. */
    private static void asFunqyReadsIt(RoutingContext context, ObjectNode envelope) {
        MultiMap headers = context.request().headers();
        FunqyStructured.eventHeaders(headers.names()).forEach(headers::remove);
        String contentType = headers.get("content-type");
        if (!FunqyStructured.recognised(contentType)) {
            headers.set("content-type", FunqyStructured.lowerCaseMediaType(contentType));
        }
        byte[] body = FunqyStructured.withoutNullAttributes(envelope);
        if (body != null) {
            context.setBody(Buffer.buffer(body));
        }
    }

    /**
     * Funqy writes the reply's {@code ce-time} with {@code OffsetDateTime.toString()}, which drops
     * zero seconds ({@code 10:15Z}); RFC 3339, and so every strict receiver, requires them.
     */
    private static void fixTimeHeader(RoutingContext context) {
        String time = context.response().headers().get("ce-time");
        if (time == null || isIsoFormatted(time)) {
            return;
        }
        try {
            context.response().putHeader("ce-time",
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(time)));
        } catch (DateTimeParseException e) {
            Log.warnf("reply carries an unparsable ce-time %s", time);
        }
    }

    /**
     * Whether {@code time} is already exactly what {@code ISO_OFFSET_DATE_TIME} would write for it,
     * checked without java.time: seconds present, no trailing zero in the fraction (Funqy writes
     * {@code .120}, ISO {@code .12}) and {@code Z} rather than a zero offset.
     */
    static boolean isIsoFormatted(String time) {
        if (Rfc3339.parseCommon(time) == null || time.charAt(10) != 'T') {
            return false;
        }
        char last = time.charAt(time.length() - 1);
        if (last != 'Z') {
            return !time.endsWith("+00:00") && !time.endsWith("-00:00") && lastFractionDigit(time, time.length() - 6) != '0';
        }
        return lastFractionDigit(time, time.length() - 1) != '0';
    }

    /** The digit before the offset at {@code offsetAt}, or a space when the time has no fraction. */
    private static char lastFractionDigit(String time, int offsetAt) {
        return offsetAt > 19 ? time.charAt(offsetAt - 1) : ' ';
    }

    static void answer(RoutingContext context, RequestProblem problem) {
        FailureStatuses.end(context, problem.status(), problem.json());
    }

    /** Sorted as {@code HttpMessage} keeps them, so that it copies them in one pass. */
    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            first.putIfAbsent(header.getKey(), header.getValue());
        }
        return first;
    }
}
