package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code any} dialect: at least one nested filter must match. */
final class AnyFilter implements EventFilter {

    private final EventFilter[] filters;

    private AnyFilter(List<EventFilter> filters) {
        this.filters = filters.toArray(EventFilter[]::new);
    }

    /** Any of {@code filters}; a single filter stands for itself. */
    static EventFilter of(List<EventFilter> filters) {
        return filters.size() == 1 ? filters.get(0) : new AnyFilter(filters);
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (filter.matches(event)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return Arrays.stream(filters).map(String::valueOf).collect(Collectors.joining(", ", "any(", ")"));
    }
}
