package io.kedge.alert;

import io.kedge.alert.engine.Announcement;
import io.kedge.alert.out.AlertEvents;
import io.kedge.alert.out.AlertSink;
import io.kedge.contract.data.Alert;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Turns an event's announcements into the function's answer. Funqy replies with at most one
 * event, so the most important announcement is the reply (no extra hop: the broker routes it at
 * once) and the others go to the sink ({@code K_SINK}, the broker) before the reply is sent. No
 * announcement: no reply (204).
 */
@Singleton
public class AlertReplies {

    private final AlertSink sink;

    AlertReplies(AlertSink sink) {
        this.sink = sink;
    }

    /**
     * @param announcements most important first
     * @throws io.kedge.functions.support.SinkFailedException when an extra announcement was not accepted;
     *         its state is stored, so the same event delivered again announces it again
     */
    public CloudEvent<Alert> answer(List<Announcement> announcements) {
        if (announcements.isEmpty()) {
            return null;
        }
        if (announcements.size() > 1) {
            sink.send(announcements.subList(1, announcements.size()).stream()
                    .map(a -> AlertEvents.of(a, AlertEvents.SOURCE)).toList());
        }
        return reply(announcements.get(0));
    }

    static CloudEvent<Alert> reply(Announcement announcement) {
        return CloudEventBuilder.create()
                .id(announcement.id())
                .source(AlertEvents.SOURCE)
                .type(announcement.eventType())
                .subject(announcement.alert().deviceId())
                .time(announcement.time().atOffset(ZoneOffset.UTC))
                .extensions(Map.of(AlertEvents.SEVERITY_EXTENSION, announcement.severity().label()))
                .build(announcement.alert());
    }
}
