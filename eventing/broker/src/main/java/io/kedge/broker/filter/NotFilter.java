package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;

/** The {@code not} dialect: the nested filter must not match. */
final class NotFilter implements EventFilter {

    private final EventFilter filter;

    NotFilter(EventFilter filter) {
        this.filter = filter;
    }

    @Override
    public boolean matches(CloudEvent event) {
        return !filter.matches(event);
    }

    @Override
    public String toString() {
        return "not(" + filter + ")";
    }
}
