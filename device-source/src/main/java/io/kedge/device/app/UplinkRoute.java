package io.kedge.device.app;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import io.kedge.device.uplink.Uplink;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * {@code POST /uplink}: CloudEvents (binary or structured) from the broker's uplink Triggers, for
 * upstream. Answers as a Knative subscriber must: 202 only once the event is on disk, so the
 * broker's delivery is the hand-over; 204 for what is dropped on purpose (no upstream URL, a type
 * the uplink does not carry), so the local pipeline does not dead-letter it; 400 with a message for
 * what is not a CloudEvent (not retried); 503 when the buffer cannot keep it (retried by the broker).
 */
@Singleton
public class UplinkRoute {

    static final String PATH = "/uplink";
    private static final int MAX_BODY = 1024 * 1024;
    // Generous: a batch of appends waits for one fsync; a slower disk is a 503 the broker retries.
    private static final long KEEP_TIMEOUT_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(UplinkRoute.class);

    private final Uplink uplink;

    UplinkRoute(Uplink uplink) {
        this.uplink = uplink;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY).setHandleFileUploads(false));
        router.post(PATH).blockingHandler(this::handle, false);
        if (uplink.target().isPresent()) {
            LOG.infof("Uplink: %s to %s, buffered in %s", uplink.types(), uplink.target().get(),
                    uplink.bufferFile().orElseThrow());
        } else {
            LOG.info("Uplink: off (no kedge.device.uplink.url); events posted to /uplink are dropped and counted");
        }
    }

    private void handle(RoutingContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        context.request().headers().forEach(header -> headers.merge(header.getKey(), header.getValue(), (a, b) -> a + "," + b));
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        CloudEvent event;
        try {
            event = CloudEventHttp.decode(new HttpMessage(headers, body));
        } catch (InvalidEventException e) {
            text(context, 400, e.getMessage());
            return;
        }
        Uplink.Outcome outcome;
        try {
            outcome = uplink.accept(event).toCompletableFuture().get(KEEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            outcome = Uplink.Outcome.NOT_KEPT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Uplink.Outcome.NOT_KEPT;
        }
        switch (outcome) {
            case KEPT -> context.response().setStatusCode(202).end();
            case NO_UPLINK, TYPE_NOT_ALLOWED -> context.response().setStatusCode(204).end();
            case NOT_KEPT -> text(context, 503, "the uplink buffer cannot keep event " + event.getId() + " now");
        }
    }

    private static void text(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(message);
    }
}
