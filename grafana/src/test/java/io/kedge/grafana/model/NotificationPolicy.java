package io.kedge.grafana.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A notification policy tree (the root route of one organisation, with optional child routes). */
public record NotificationPolicy(
        Integer orgId,
        String receiver,
        @JsonProperty("group_by") List<String> groupBy,
        @JsonProperty("group_wait") String groupWait,
        @JsonProperty("group_interval") String groupInterval,
        @JsonProperty("repeat_interval") String repeatInterval,
        List<String> matchers,
        List<NotificationPolicy> routes) {

    public NotificationPolicy {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** This policy and every route below it. */
    public List<NotificationPolicy> flatten() {
        List<NotificationPolicy> all = new java.util.ArrayList<>(List.of(this));
        routes.forEach(route -> all.addAll(route.flatten()));
        return all;
    }
}
