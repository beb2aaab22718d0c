package io.kedge.store;

import io.kedge.contract.EventTypes;

/** The two alert events, each with the value of the {@code state} field and the time its point is stamped with. */
public enum AlertState {
    /** {@code io.kedge.alert.fired.v1}: the point sits at {@code startsAt}. */
    FIRING("firing", EventTypes.ALERT_FIRED, "startsAt"),
    /** {@code io.kedge.alert.resolved.v1}: the point sits at {@code endsAt}. */
    RESOLVED("resolved", EventTypes.ALERT_RESOLVED, "endsAt");

    private final String value;
    private final String eventType;
    private final String timeField;

    AlertState(String value, String eventType, String timeField) {
        this.value = value;
        this.eventType = eventType;
        this.timeField = timeField;
    }

    /** The {@code state} field: {@code firing} or {@code resolved}. */
    public String value() {
        return value;
    }

    public String eventType() {
        return eventType;
    }

    /** The alert member whose time stamps the point. */
    public String timeField() {
        return timeField;
    }
}
