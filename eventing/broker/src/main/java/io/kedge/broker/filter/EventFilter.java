package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * Decides whether a Trigger wants an event: the legacy {@code filter.attributes}
 * ({@link AttributesFilter}) or the SubscriptionsAPI {@code filters} ({@link SubscriptionsApiFilters}).
 * Built once when the manifests load, then called for every event and every Trigger of its broker,
 * from several threads: implementations are immutable and do no parsing, reflection or regex per
 * event.
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
