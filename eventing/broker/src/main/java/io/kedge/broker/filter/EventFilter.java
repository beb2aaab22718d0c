package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * Decides whether a Trigger wants an event. One implementation per filter dialect: the legacy
 * {@code filter.attributes} now; the SubscriptionsAPI {@code filters} (exact, prefix, suffix, all,
 * any, not, cesql) plug in here later.
 */
public interface EventFilter {

    /** A Trigger without filter receives every event of its broker. */
    EventFilter MATCH_ALL = new EventFilter() {
        @Override
        public boolean matches(CloudEvent event) {
            return true;
        }

        @Override
        public String toString() {
            return "(all events)";
        }
    };

    boolean matches(CloudEvent event);

    /** A short human description for the start-up log, e.g. {@code type=io.kedge.reading.v1}. */
    @Override
    String toString();
}
