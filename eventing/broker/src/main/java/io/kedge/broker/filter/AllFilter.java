package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code all} dialect, and the {@code filters} list itself: every nested filter must match. */
final class AllFilter implements EventFilter {

    private final EventFilter[] filters;

    private AllFilter(List<EventFilter> filters) {
        this.filters = filters.toArray(EventFilter[]::new);
    }

    /** All of {@code filters}; a single filter stands for itself, as in Knative. */
    static EventFilter of(List<EventFilter> filters) {
        return filters.size() == 1 ? filters.get(0) : new AllFilter(filters);
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (!filter.matches(event)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.stream(filters).map(String::valueOf).collect(Collectors.joining(", ", "all(", ")"));
    }
}
