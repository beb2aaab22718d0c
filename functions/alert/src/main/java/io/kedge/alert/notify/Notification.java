package io.kedge.alert.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;

/**
 * The generic JSON document posted to the notification webhook, one per alert event. Every member
 * is always present ({@code endsAt} is {@code null} while firing), so that receivers see one shape.
 *
 * @param status  {@code firing} or {@code resolved}
 * @param eventId id of the alert event: the same incident announced again carries the same id, so
 *                a receiver can drop repeats of a retried delivery
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"status", "rule", "severity", "deviceId", "location", "metric", "value", "threshold",
        "startsAt", "endsAt", "fingerprint", "eventId"})
public record Notification(
        String status,
        String rule,
        String severity,
        String deviceId,
        String location,
        String metric,
        Double value,
        Double threshold,
        String startsAt,
        String endsAt,
        String fingerprint,
        String eventId) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /**
     * The notification of an alert event whose data is still a JSON tree (as Funqy hands it over).
     *
     * @throws NotificationFailedException (422) when the type is no alert type or the data no alert
     */
    public static Notification of(String eventType, String eventId, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw NotificationFailedException.refused("event " + eventId + " carries no alert");
        }
        Alert alert;
        try {
            alert = EventData.mapper().treeToValue(data, Alert.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw NotificationFailedException.refused("data of event " + eventId + " is not an alert: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return of(eventType, eventId, alert);
    }

    /**
     * @throws NotificationFailedException (422) when the type is no alert type
     */
    public static Notification of(String eventType, String eventId, Alert alert) {
        String status;
        if (EventTypes.ALERT_FIRED.equals(eventType)) {
            status = FIRING;
        } else if (EventTypes.ALERT_RESOLVED.equals(eventType)) {
            status = RESOLVED;
        } else {
            throw NotificationFailedException.refused("event " + eventId + " of type " + eventType
                    + " is no alert event; notifications take " + EventTypes.ALERT_FIRED + " and " + EventTypes.ALERT_RESOLVED);
        }
        return new Notification(status, alert.rule(), alert.severity(), alert.deviceId(), alert.location(), alert.metric(),
                alert.value(), alert.threshold(), alert.startsAt(), alert.endsAt(), alert.fingerprint(), eventId);
    }
}
