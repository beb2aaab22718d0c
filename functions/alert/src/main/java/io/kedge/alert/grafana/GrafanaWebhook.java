package io.kedge.alert.grafana;

import io.cloudevents.CloudEvent;
import io.kedge.alert.engine.Announcement;
import io.kedge.alert.out.AlertEvents;
import io.kedge.alert.out.AlertSink;
import io.kedge.contract.EventData;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.functions.support.RequestProblem;
import io.kedge.functions.support.SinkFailedException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Grafana's webhook contact point, as plain logic: check the sender ({@link WebhookAuth}), read
 * the notification ({@link GrafanaNotification}), send one alert event per alert to the sink, and
 * answer. Nothing is sent unless the request is authentic and the whole notification readable.
 */
public final class GrafanaWebhook {

    /** The answer: status, JSON body, and extra headers. */
    public record Answer(int status, byte[] body, Map<String, String> headers) {
    }

    /** Body of the 200 answer. */
    public record Received(int alerts) {
    }

    private final GrafanaSettings settings;
    private final WebhookAuth auth;
    private final AlertSink sink;
    private final Clock clock;

    public GrafanaWebhook(GrafanaSettings settings, AlertSink sink, Clock clock) {
        this.settings = settings;
        this.auth = new WebhookAuth(settings);
        this.sink = sink;
        this.clock = clock;
    }

    public Answer handle(HttpMessage request) {
        try {
            auth.check(request, clock.instant());
            List<Announcement> alerts = GrafanaNotification.read(request.body(), settings, clock.instant());
            List<CloudEvent> events = alerts.stream().map(a -> AlertEvents.of(a, AlertEvents.GRAFANA_SOURCE)).toList();
            sink.send(events);
            return new Answer(200, EventData.toJson(new Received(events.size())), Map.of());
        } catch (RequestProblem problem) {
            Map<String, String> headers = problem.status() == 401 ? Map.of("WWW-Authenticate", auth.challenge()) : Map.of();
            return new Answer(problem.status(), problem.json(), headers);
        } catch (SinkFailedException e) {
            // Grafana retries a failed notification; the ids are stable, so a partial send is harmless.
            return new Answer(e.status(), new RequestProblem(e.status(), e.error(), List.of(e.getMessage())).json(), Map.of());
        }
    }

    public GrafanaSettings settings() {
        return settings;
    }
}
