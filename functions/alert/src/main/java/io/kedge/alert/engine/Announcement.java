package io.kedge.alert.engine;

import io.kedge.alert.rules.Severity;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;
import java.time.Instant;
import java.util.Comparator;

/**
 * An alert event to send: {@code fired} (also for a repeated announcement) or {@code resolved}.
 *
 * @param id   deterministic: the same incident and transition always get the same id, so a
 *             subscriber that deduplicates by source and id sees an announcement made again
 *             (after a retry) once
 * @param time when it happened: the incident's start, its end, or the repeat
 */
public record Announcement(Kind kind, Severity severity, String id, Instant time, Alert alert) {

    public enum Kind {
        FIRED(EventTypes.ALERT_FIRED), RESOLVED(EventTypes.ALERT_RESOLVED);

        private final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }

    /**
     * Most important first: fired before resolved (an incident starting matters more than one
     * ending), then by severity, then by rule and device for a stable order.
     */
    public static final Comparator<Announcement> MOST_IMPORTANT_FIRST = Comparator
            .comparing(Announcement::kind)
            .thenComparing(Announcement::severity, Comparator.reverseOrder())
            .thenComparing(a -> a.alert().rule())
            .thenComparing(a -> a.alert().deviceId());

    public String eventType() {
        return kind.eventType();
    }
}
