package io.kedge.alert.notify;

import io.kedge.contract.EventData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * POSTs a {@link Notification} as JSON to a generic webhook and maps its answer to what the broker
 * should do: 2xx delivered; unreachable, timed out, 5xx, 408 or 429 retried (503); any other
 * answer dead-lettered (422). Without a URL, notifications are off and every call is a no-op.
 */
public final class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    private static final int EXCERPT = 200;

    private final Settings settings;
    private final HttpClient http;

    /**
     * @param url     the webhook; empty: notifications off
     * @param token   sent as {@code Authorization: Bearer <token>}; empty: no header
     * @param timeout bound of one POST, connect to answer
     */
    public record Settings(Optional<URI> url, Optional<String> token, Duration timeout) {

        @Override
        public String toString() {
            return url.map(u -> "POST " + u + (token.isPresent() ? " with a bearer token" : "") + ", timeout " + timeout)
                    .orElse("off (kedge.alert.notify.url unset)");
        }
    }

    public WebhookNotifier(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * @return whether it was sent (false: notifications are off)
     * @throws NotificationFailedException when the webhook did not take it
     */
    public boolean send(Notification notification) {
        if (settings.url().isEmpty()) {
            LOG.debugf("notifications off (kedge.alert.notify.url unset): %s %s not sent",
                    notification.status(), notification.eventId());
            return false;
        }
        URI url = settings.url().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventData.toJson(notification)));
        settings.token().ifPresent(token -> request.header("authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw NotificationFailedException.retry("webhook " + url + " unreachable for " + notification.eventId() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotificationFailedException.retry("interrupted while notifying " + url + " of " + notification.eventId());
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            LOG.debugf("notified %s of %s %s", url, notification.status(), notification.eventId());
            return true;
        }
        String answer = "webhook " + url + " answered " + status + " to " + notification.eventId() + ": " + excerpt(response.body());
        if (retryable(status)) {
            throw NotificationFailedException.retry(answer);
        }
        throw NotificationFailedException.refused(answer);
    }

    /** Answers that say "later": server trouble, a request timeout, rate limiting. */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private static String excerpt(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() <= EXCERPT ? trimmed : trimmed.substring(0, EXCERPT) + "...";
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
