package io.kedge.device.actuator;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.Sources;
import io.kedge.contract.data.Alert;
import java.time.OffsetDateTime;

/** Alert events as the alert function sends them, for actuator tests. */
public final class AlertEvents {

    public static CloudEvent fired(String rule, String deviceId, String location) {
        return event(EventTypes.ALERT_FIRED, new Alert(rule, "warning", deviceId, location, "temperature", 31.5, 30.0,
                "2026-11-27T10:00:00Z", null, rule + "/" + deviceId));
    }

    public static CloudEvent resolved(String rule, String deviceId, String location) {
        return event(EventTypes.ALERT_RESOLVED, new Alert(rule, "warning", deviceId, location, "temperature", 27.0, 28.0,
                "2026-11-27T10:00:00Z", "2026-11-27T10:20:00Z", rule + "/" + deviceId));
    }

    static CloudEvent event(String type, Alert alert) {
        return CloudEventBuilder.v1()
                .withId(alert.fingerprint() + "/" + type)
                .withSource(Sources.device(alert.deviceId()))
                .withType(type)
                .withSubject(alert.rule())
                .withTime(OffsetDateTime.parse("2026-11-27T10:00:00Z"))
                .withDataContentType("application/json")
                .withData(EventData.toJson(alert))
                .build();
    }

    private AlertEvents() {
    }
}
