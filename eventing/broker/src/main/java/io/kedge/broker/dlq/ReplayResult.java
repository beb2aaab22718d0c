package io.kedge.broker.dlq;

import java.util.Locale;

/**
 * What became of one dead letter asked to be replayed.
 *
 * @param detail why, for the outcomes that need a reason (the new failure, the missing trigger)
 */
public record ReplayResult(long id, String trigger, Outcome outcome, String detail) {

    public enum Outcome {
        /** The subscriber took it; it left the dead-letter queue. */
        DELIVERED,
        /** It failed again and went to the Trigger's dead-letter sink, which took it; it left the queue. */
        SENT_TO_SINK,
        /** It failed again and is back in the queue with the new failure. */
        FAILED_AGAIN,
        /** Still being delivered when the caller stopped waiting; it stays in the queue until it ends. */
        IN_PROGRESS,
        /** A replay of it is already running. */
        ALREADY_REPLAYING,
        /** Its Trigger is not in the manifests any more; it stays in the queue. */
        TRIGGER_GONE,
        /** No dead letter has this id. */
        NOT_FOUND,
        /** The store could not take the replay. */
        FAILED_TO_START
    }

    public String describe() {
        String text = outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return detail == null || detail.isEmpty() ? text : text + ": " + detail;
    }
}
