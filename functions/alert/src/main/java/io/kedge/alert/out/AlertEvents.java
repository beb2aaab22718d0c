package io.kedge.alert.out;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.alert.engine.Announcement;
import io.kedge.contract.EventData;
import java.net.URI;
import java.time.ZoneOffset;

/**
 * Alert announcements as CloudEvents (SDK form) for sending to the sink. The attributes are the
 * same as those of the function's reply event: see {@code AlertReplies}.
 */
public final class AlertEvents {

    /** {@code source} of alerts the rules raised. */
    public static final String SOURCE = "/functions/alert";
    /** {@code source} of alerts taken in from Grafana. */
    public static final String GRAFANA_SOURCE = "/functions/alert/grafana";
    /** Extension attribute carrying the severity, so that a Trigger can filter on it. */
    public static final String SEVERITY_EXTENSION = "severity";

    public static CloudEvent of(Announcement announcement, String source) {
        return CloudEventBuilder.v1()
                .withId(announcement.id())
                .withSource(URI.create(source))
                .withType(announcement.eventType())
                .withSubject(announcement.alert().deviceId())
                .withTime(announcement.time().atOffset(ZoneOffset.UTC))
                .withExtension(SEVERITY_EXTENSION, announcement.severity().label())
                .withDataContentType("application/json")
                .withData(EventData.toJson(announcement.alert()))
                .build();
    }

    private AlertEvents() {
    }
}
