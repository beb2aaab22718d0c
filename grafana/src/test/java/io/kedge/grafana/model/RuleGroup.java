package io.kedge.grafana.model;

import java.util.List;

/**
 * A provisioned rule group ({@code rules_types.go}: name, folder, interval and rules required).
 *
 * @param interval evaluation period, a Prometheus-style duration
 */
public record RuleGroup(Integer orgId, String name, String folder, String interval, List<AlertRule> rules) {

    public RuleGroup {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
