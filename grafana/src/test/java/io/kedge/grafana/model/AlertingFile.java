package io.kedge.grafana.model;

import java.util.List;

/**
 * A file of {@code provisioning/alerting/} with the top-level lists Kedge uses (Grafana's
 * {@code pkg/services/provisioning/alerting}: rule groups, contact points, policies).
 */
public record AlertingFile(
        Integer apiVersion,
        List<RuleGroup> groups,
        List<ContactPoint> contactPoints,
        List<NotificationPolicy> policies) {

    public AlertingFile {
        groups = groups == null ? List.of() : List.copyOf(groups);
        contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }
}
