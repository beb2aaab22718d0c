package io.kedge.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.alert.notify.Notification;
import io.kedge.alert.notify.WebhookNotifier;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import jakarta.inject.Inject;

/**
 * Alert events in (routed by the Triggers {@code notify-fired} and {@code notify-resolved}), one
 * JSON document out to the notification webhook; no reply event (204). The status of the
 * document follows the event's type, so either function takes either type. Failures carry their
 * status ({@code NotificationFailedException}): 503 to retry, 422 to dead-letter.
 */
public class NotifyFunctions {

    @Inject
    WebhookNotifier notifier;

    /** Named {@code notify} for Funqy; the Java name avoids overloading {@code Object.notify()}. */
    @Funq("notify")
    public void notifyFired(CloudEvent<JsonNode> alert) {
        send(alert);
    }

    @Funq
    public void notifyResolved(CloudEvent<JsonNode> alert) {
        send(alert);
    }

    private void send(CloudEvent<JsonNode> alert) {
        notifier.send(Notification.of(alert.type(), alert.id(), alert.data()));
    }
}
