package io.kedge.alert.notify;

import io.kedge.functions.support.FunctionFailure;

/**
 * A notification the webhook did not take. 503 when trying again may help (webhook unreachable,
 * timed out, 5xx, 408, 429): the broker retries with the Trigger's delivery, then dead-letters.
 * 422 when it will not (the webhook refused the document, or the event is no alert): dead-lettered
 * at once.
 */
public class NotificationFailedException extends FunctionFailure {

    private final int status;

    private NotificationFailedException(int status, String message) {
        super(message);
        this.status = status;
    }

    static NotificationFailedException retry(String message) {
        return new NotificationFailedException(503, message);
    }

    static NotificationFailedException refused(String message) {
        return new NotificationFailedException(422, message);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String error() {
        return status >= 500 ? "notification webhook unavailable" : "notification refused";
    }
}
